package dev.postline.connectors.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.ValidationResult;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Settings are checked when saved; endpoints are checked against the host policy before any request. */
class GraphSettingsTest {

    private final GraphConnectorFactory factory = new GraphConnectorFactory();

    @Test
    void theFactoryShouldBeFoundByServiceLoaderAsKindGraph() {
        assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(p -> p.get().kind()))
                .contains(GraphConnectorFactory.KIND);
    }

    @Test
    void everySettingShouldBeDescribedAndNoneBeSecret() {
        assertThat(factory.settingFields()).extracting(SettingField::name)
                .containsExactly("mailbox", "pollIntervalSeconds", "requestTimeoutSeconds", "baseUrl");
        assertThat(factory.settingFields()).noneMatch(SettingField::secret);
    }

    @Test
    void aMailboxAloneShouldBeValid() {
        assertThat(factory.validate(Map.of("mailbox", "support@contoso.com")).isValid()).isTrue();
    }

    @Test
    void badValuesShouldEachBeNamed() {
        ValidationResult result = factory.validate(Map.of("mailbox", "not an address", "baseUrl",
                "https://graph.microsoft.com/v1.0?x=1", "pollIntervalSeconds", "0", "requestTimeoutSeconds", "ten"));

        assertThat(result.errors()).containsOnlyKeys("mailbox", "baseUrl", "pollIntervalSeconds", "requestTimeoutSeconds");
    }

    @Test
    void otherSchemesAndCredentialsInTheEndpointShouldBeRefused() {
        for (String url : List.of("ftp://graph.example/v1.0", "https://user:pw@graph.example/v1.0", "graph.microsoft.com")) {
            assertThat(factory.validate(Map.of("mailbox", "a@b.c", "baseUrl", url)).errors()).as(url).containsKey("baseUrl");
        }
    }

    @Test
    void openingWithInvalidSettingsShouldBeRefused() {
        assertThatThrownBy(() -> open(Map.of("mailbox", "nope"), HostPolicy.strict()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNonMicrosoftEndpointShouldBeRefusedUnlessPrivateNetworksAreAllowed() {
        try (ConnectorSession session = open(Map.of("mailbox", "a@contoso.com", "baseUrl", "http://127.0.0.1:2525/v1.0"),
                HostPolicy.strict())) {
            assertPermanent(session, "Graph endpoint not allowed");
        }
    }

    @Test
    void plainHttpShouldOnlyGoToLoopbackEvenWherePrivateNetworksAreAllowed() {
        HostPolicy policy = HostPolicy.builder().allowPrivateNetworks(true).allowPort(8080)
                .resolver(name -> List.of(InetAddress.getByName("203.0.113.7"))).build();
        try (ConnectorSession session = open(Map.of("mailbox", "a@contoso.com", "baseUrl", "http://graph.lab.example:8080/v1.0"),
                policy)) {
            assertPermanent(session, "plain http only to loopback");
        }
    }

    @Test
    void aPortThePolicyDoesNotAllowShouldBeRefused() {
        HostPolicy policy = HostPolicy.builder().allowPrivateNetworks(true).build();
        try (ConnectorSession session = open(Map.of("mailbox", "a@contoso.com", "baseUrl", "http://127.0.0.1:9/v1.0"), policy)) {
            assertPermanent(session, "port not allowed");
        }
    }

    private ConnectorSession open(Map<String, String> settings, HostPolicy policy) {
        return factory.open(new SessionContext("t", "tp", settings, GraphDoubleConnectorUnderTest.token("token"), policy,
                Clock.systemUTC()));
    }

    private static void assertPermanent(ConnectorSession session, String reason) {
        assertThatThrownBy(() -> session.initialCursor(InitialSync.fromNow()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.getMessage()).contains(reason);
                });
        assertThat(session.verify().ok()).isFalse();
    }
}
