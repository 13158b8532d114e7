package dev.postline.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTest {

    private static final Map<String, List<String>> DNS = Map.of(
            "loopback.example", List.of("127.0.0.1"),
            "metadata.example", List.of("169.254.169.254"),
            "mixed.example", List.of("93.184.215.14", "10.0.0.5"),
            "ula.example", List.of("fd12:3456::1"),
            "mail.example", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"));

    private final AtomicInteger lookups = new AtomicInteger();
    private final HostResolver fakeDns = name -> {
        lookups.incrementAndGet();
        List<String> answer = DNS.get(name);
        if (answer == null) {
            throw new UnknownHostException(name);
        }
        return answer.stream().map(HostPolicyTest::literal).toList();
    };
    private final HostPolicy strict = HostPolicy.builder().resolver(fakeDns).build();

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
            // IPv4 loopback in every spelling a C resolver accepts
            "127.0.0.1", "127.255.255.254", "2130706433", "0x7f000001", "0X7F000001", "0177.0.0.1", "127.1",
            "0x7f.1", "0x7f.0.0.1", "017700000001", "127.0.0.1.",
            // RFC 1918, link-local, metadata, CGNAT, unspecified, multicast, broadcast
            "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.0.1", "169.254.169.254", "0xa9fea9fe", "100.64.0.1", "100.127.255.254",
            "0.0.0.0", "0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "198.18.0.1",
            // IPv6 loopback, unspecified, ULA, link-local (with zone), site-local, multicast
            "::1", "[::1]", "0:0:0:0:0:0:0:1", "::", "fd00::1", "fc00::1", "fe80::1", "fe80::1%eth0",
            "[fe80::1%25eth0]", "fec0::1", "ff02::1",
            // IPv6 forms embedding denied IPv4 addresses
            "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
            "::127.0.0.1", "::10.0.0.1", "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:101::",
            "64:ff9b::7f00:1", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::808:808",
            "2001::1", "2001:db8::1",
            // names that resolve to denied addresses, including a name with one good and one bad address
            "loopback.example", "metadata.example", "mixed.example", "ula.example",
            // numeric-looking strings no resolver agrees on
            "0999.1.1.1", "1.2.3.4.5", "256.1.1.1", "1.2.3.0x100", "4294967296", "fe80::zz"})
    void deniedFormsShouldBeRefusedWithOneGenericMessage(String host) {
        assertThatThrownBy(() -> strict.check(host, 993))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.getMessage()).isEqualTo("PERMANENT: host not allowed");
                });
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"8.8.8.8", "134744072", "0x08080808", "1.1.1.1", "172.32.0.1", "100.128.0.1",
            "11.0.0.1", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808",
            "mail.example"})
    void publicAddressesShouldPass(String host) throws ConnectorException {
        assertThat(strict.check(host, 993).port()).isEqualTo(993);
    }

    @Test
    void checkedAddressShouldBeReturnedWithTheHostnameKeptForTls() throws ConnectorException {
        ResolvedHost resolved = strict.check("mail.example", 993);

        assertThat(resolved.hostname()).isEqualTo("mail.example");
        assertThat(resolved.address()).isEqualTo(literal("93.184.215.14"));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void literalSpellingsShouldConnectToTheAddressTheyMean() throws ConnectorException {
        HostPolicy selfHosted = HostPolicy.builder().allowPrivateNetworks(true).resolver(fakeDns).build();

        assertThat(selfHosted.check("0177.0.0.1", 143).address()).isEqualTo(literal("127.0.0.1"));
        assertThat(selfHosted.check("0x7f000001", 143).hostname()).isEqualTo("127.0.0.1");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void everyMailPortShouldPassAndOthersShouldNot() throws ConnectorException {
        for (int port : List.of(25, 143, 465, 587, 993, 2525)) {
            assertThat(strict.check("8.8.8.8", port).port()).isEqualTo(port);
        }
        for (int port : List.of(22, 80, 443, 3143, 6379, 5432, 0, 70000)) {
            assertThatThrownBy(() -> strict.check("8.8.8.8", port)).hasMessage("PERMANENT: port not allowed");
        }
    }

    @Test
    void configuredExtraPortShouldBeAllowed() throws ConnectorException {
        HostPolicy policy = HostPolicy.builder().allowPort(3143).resolver(fakeDns).build();

        assertThat(policy.check("8.8.8.8", 3143).port()).isEqualTo(3143);
    }

    @Test
    void selfHostedSwitchShouldAllowPrivateAddressesButStillCheckPorts() throws ConnectorException {
        HostPolicy selfHosted = HostPolicy.builder().allowPrivateNetworks(true).resolver(fakeDns).build();

        assertThat(selfHosted.check("127.0.0.1", 143).address()).isEqualTo(literal("127.0.0.1"));
        assertThat(selfHosted.check("loopback.example", 993).hostname()).isEqualTo("loopback.example");
        assertThat(selfHosted.check("fd00::1", 587).port()).isEqualTo(587);
        assertThatThrownBy(() -> selfHosted.check("127.0.0.1", 22)).hasMessage("PERMANENT: port not allowed");
    }

    @Test
    void portRefusalShouldNotDependOnTheHost() {
        // Same answer for a denied, a public and an unresolvable host: no oracle about the host.
        for (String host : List.of("127.0.0.1", "8.8.8.8", "nowhere.example")) {
            assertThatThrownBy(() -> strict.check(host, 6379)).hasMessage("PERMANENT: port not allowed");
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void unresolvableNameShouldBeANetworkFailure() {
        assertThatThrownBy(() -> strict.check("nowhere.example", 993))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.NETWORK));
    }

    @Test
    void blankHostShouldBeRefused() {
        assertThatThrownBy(() -> strict.check(" ", 993)).hasMessage("PERMANENT: host not allowed");
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip.contains(":") ? "[" + ip + "]" : ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
