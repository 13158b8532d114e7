package dev.postline.connectors.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.VerifyResult;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Implicit TLS: the connection goes to the address the host policy checked, while the certificate
 * is verified against the tenant's host name. GreenMail serves a certificate for
 * {@code mail.postline.test} only.
 */
class ImapTlsTest {

    static {
        // Read by GreenMail when its TLS servers start (before each test).
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY,
                ImapTlsTest.class.getResource("/tls-test.p12").getPath());
    }

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.IMAPS.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("agent@acme.test", "agent@acme.test", "pw"));

    @AfterAll
    static void clearKeystore() {
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
    }

    private VerifyResult verifyAgainst(String host) throws Exception {
        Map<String, String> settings = Map.of("imapHost", host, "imapPort", Integer.toString(GREEN_MAIL.getImaps().getPort()),
                "imapTls", "implicit", "smtpHost", host, "smtpPort", Integer.toString(GREEN_MAIL.getSmtps().getPort()),
                "smtpTls", "implicit", "username", "agent@acme.test", "connectTimeoutSeconds", "2");
        HostPolicy policy = HostPolicy.builder().allowPrivateNetworks(true)
                .allowPort(GREEN_MAIL.getImaps().getPort()).allowPort(GREEN_MAIL.getSmtps().getPort())
                .resolver(name -> {
                    if (name.endsWith(".postline.test")) {
                        return List.of(InetAddress.getByName("127.0.0.1"));
                    }
                    throw new UnknownHostException(name);
                }).build();
        try (ConnectorSession session = new ImapConnectorFactory(trustingTestCa()).open(new SessionContext("t", "tp",
                settings, GreenMailConnectorUnderTest.credentials("pw"), policy, Clock.systemUTC()))) {
            return session.verify();
        }
    }

    @Test
    void certificateShouldBeVerifiedForTheHostNameWhileConnectingToTheCheckedAddress() throws Exception {
        VerifyResult result = verifyAgainst("mail.postline.test");

        assertThat(result.ok()).as(result.message()).isTrue();
    }

    @Test
    void certificateForAnotherNameShouldBeRefused() throws Exception {
        VerifyResult result = verifyAgainst("other.postline.test");

        assertThat(result.ok()).isFalse();
        assertThat(result.checks()).filteredOn(c -> c.name().equals("imap-login")).singleElement().satisfies(c -> {
            assertThat(c.failure()).contains(FailureKind.NETWORK);
            assertThat(c.detail()).contains("TLS");
        });
        assertThat(result.checks()).filteredOn(c -> c.name().equals("smtp-login")).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("TLS"));
    }

    @Test
    void ipLiteralShouldNotPassACertificateIssuedForAName() throws Exception {
        assertThat(verifyAgainst("127.0.0.1").ok()).isFalse();
    }

    private static SSLSocketFactory trustingTestCa() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = ImapTlsTest.class.getResourceAsStream("/tls-test.p12")) {
            keyStore.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
