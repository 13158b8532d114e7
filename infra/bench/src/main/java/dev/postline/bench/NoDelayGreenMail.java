package dev.postline.bench;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;

/**
 * GreenMail whose SMTP and IMAP servers set {@code TCP_NODELAY} on every accepted socket, as Dovecot
 * and Postfix do. Stock GreenMail writes an IMAP answer in several small writes (untagged lines, then
 * the tagged OK); with Nagle on, the last one waits for the client's delayed ACK, so every
 * {@code APPEND} took ~40 ms of pure waiting — a property of the sink, not of the client under test.
 * Ports come from the {@link ServerSetup}s (use fixed ones: {@link #imapPort()} stands in for
 * {@code getImap()}, which this class cannot return).
 */
final class NoDelayGreenMail extends GreenMail {

    NoDelayGreenMail(ServerSetup... setups) {
        super(setups);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(setups, managers);
        for (ServerSetup setup : setups) {
            switch (setup.getProtocol()) {
                case ServerSetup.PROTOCOL_SMTP -> services.put(setup.getProtocol(), new Smtp(setup, managers));
                case ServerSetup.PROTOCOL_IMAP -> services.put(setup.getProtocol(), new Imap(setup, managers));
                default -> { }
            }
        }
        return services;
    }

    int imapPort() {
        return services.get(ServerSetup.PROTOCOL_IMAP).getPort();
    }

    int smtpPort() {
        return services.get(ServerSetup.PROTOCOL_SMTP).getPort();
    }

    private static Socket noDelay(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
        } catch (SocketException e) {
            // the client went away already; its handler will notice
        }
        return socket;
    }

    private static final class Smtp extends SmtpServer {
        Smtp(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return super.createProtocolHandler(noDelay(socket));
        }
    }

    /** GreenMail's {@code ImapServer} is final: the same handler, on a no-delay socket. */
    private static final class Imap extends AbstractServer {
        Imap(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), noDelay(socket));
        }
    }
}
