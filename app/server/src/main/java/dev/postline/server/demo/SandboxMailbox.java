package dev.postline.server.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.postline.server.StartupProblem;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's sandbox: an SMTP and IMAP server in this process, on 127.0.0.1, holding
 * the demo support mailbox. Anyone can send it customer mail (any SMTP client, or
 * {@code ./postline demo send-mail}) and watch it land in the demo agents' queue. Mail in it lives
 * in memory only. Ports: {@code POSTLINE_DEMO_SMTP_PORT} (2525) and {@code POSTLINE_DEMO_IMAP_PORT}
 * (1143); 0 picks free ports (tests).
 */
@Context
@Requires(property = "postline.demo.enabled", value = "true")
public class SandboxMailbox {

    public static final String ADDRESS = "support@demo.postline.test";
    static final String PASSWORD = "sandbox-mailbox-password";
    private static final Logger LOG = LoggerFactory.getLogger(SandboxMailbox.class);

    private final GreenMail greenMail;

    public SandboxMailbox(@Value("${postline.demo.smtp-port:2525}") int smtpPort, @Value("${postline.demo.imap-port:1143}") int imapPort) {
        requireFree(smtpPort, "SMTP", "POSTLINE_DEMO_SMTP_PORT");
        requireFree(imapPort, "IMAP", "POSTLINE_DEMO_IMAP_PORT");
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        greenMail = new GreenMail(new ServerSetup[] {smtpPort == 0 ? smtp.dynamicPort() : smtp, imapPort == 0 ? imap.dynamicPort() : imap});
        greenMail.start();
        greenMail.setUser(ADDRESS, ADDRESS, PASSWORD);
        LOG.info("Sandbox mailbox {} on 127.0.0.1: SMTP {}, IMAP {}", ADDRESS, smtpPort(), imapPort());
    }

    /** GreenMail's own bind failure is a long trace; this says which port and which setting moves it. */
    private static void requireFree(int port, String protocol, String setting) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new StartupProblem("the sandbox mailbox's " + protocol + " port " + port + " on 127.0.0.1 is already in use (is"
                    + " Postline already running?). Set " + setting + " to a free port, or POSTLINE_DEMO=false to run without the demo.");
        }
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    @PreDestroy
    void stop() {
        greenMail.stop();
    }
}
