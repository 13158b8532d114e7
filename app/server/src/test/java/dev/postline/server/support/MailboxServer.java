package dev.postline.server.support;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real IMAP/SMTP server (GreenMail) for whole-application tests, on free ports of 127.0.0.1,
 * with helpers to deliver raw customer mail into a mailbox and to describe it as touchpoint settings.
 */
public final class MailboxServer implements AutoCloseable {

    private final GreenMail greenMail = new GreenMail(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    public MailboxServer() {
        greenMail.start();
    }

    public GreenMailUser mailbox(String address, String password) {
        return greenMail.setUser(address, address, password);
    }

    public void deliver(GreenMailUser mailbox, String rawMessage) {
        mailbox.deliver(GreenMailUtil.newMimeMessage(rawMessage));
    }

    /** Appends a raw message to a folder of the mailbox (created if missing), as delivered mail. */
    public void append(GreenMailUser mailbox, String folder, String rawMessage) {
        try {
            var hosts = greenMail.getManagers().getImapHostManager();
            var target = hosts.getFolder(mailbox, folder);
            if (target == null) {
                target = hosts.createMailbox(mailbox, folder);
            }
            target.appendMessage(GreenMailUtil.newMimeMessage(rawMessage), new jakarta.mail.Flags(), new java.util.Date());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes and recreates a folder so that its UIDVALIDITY changes (GreenMail derives it from the
     * clock in seconds, hence the wait of at most one second).
     */
    public void recreateFolder(GreenMailUser mailbox, String folder) {
        try {
            var hosts = greenMail.getManagers().getImapHostManager();
            long old = hosts.getFolder(mailbox, folder).getUidValidity();
            hosts.deleteMailbox(mailbox, folder);
            long wait = (old + 1) * 1000 - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            hosts.createMailbox(mailbox, folder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every message delivered to addresses of a domain, as raw text (headers and body): what their
     * INBOXes hold. (GreenMail's own getReceivedMessagesForDomain also counts a sender's Sent-folder
     * copy, whose To names the domain — a reply would look delivered twice.)
     */
    public List<String> receivedFor(String domain) {
        return inboxesOf(domain).map(m -> GreenMailUtil.getWholeMessage(m)).toList();
    }

    /** Every message delivered to addresses of a domain (their INBOXes), parsed. */
    public List<jakarta.mail.internet.MimeMessage> messagesFor(String domain) {
        return inboxesOf(domain).toList();
    }

    private java.util.stream.Stream<jakarta.mail.internet.MimeMessage> inboxesOf(String domain) {
        String suffix = "@" + domain.toLowerCase(java.util.Locale.ROOT);
        return greenMail.getUserManager().listUser().stream()
                .filter(user -> user.getEmail().toLowerCase(java.util.Locale.ROOT).endsWith(suffix))
                .map(user -> greenMail.getManagers().getImapHostManager().getFolder(user, "INBOX"))
                .filter(java.util.Objects::nonNull)
                .flatMap(inbox -> inbox.getMessages().stream())
                .map(m -> m.getMimeMessage());
    }

    /** How many messages a folder of a mailbox holds (0 when the folder does not exist). */
    public int messageCount(String address, String folder) {
        var user = greenMail.getUserManager().getUserByEmail(address);
        var found = user == null ? null : greenMail.getManagers().getImapHostManager().getFolder(user, folder);
        return found == null ? 0 : found.getMessageCount();
    }

    /** The messages in one folder of a mailbox (empty when the folder does not exist), as raw text: exactly one person's copy. */
    public List<String> folder(GreenMailUser mailbox, String folder) {
        var target = greenMail.getManagers().getImapHostManager().getFolder(mailbox, folder);
        if (target == null) {
            return List.of();
        }
        return target.getMessages().stream().map(m -> GreenMailUtil.getWholeMessage(m.getMimeMessage())).toList();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** Postline configuration that lets the sync reach this server on loopback, quickly. */
    public Map<String, String> syncProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("postline.sync.enabled", "true");
        props.put("postline.sync.allow-private-networks", "true");
        props.put("postline.sync.extra-ports", imapPort() + "," + smtpPort());
        props.put("postline.sync.rescan-interval", "200ms");
        return props;
    }

    /** IMAP touchpoint settings for a mailbox on this server. */
    public Map<String, String> touchpointSettings(String username) {
        return new HashMap<>(Map.of("preset", "custom", "imapHost", "127.0.0.1", "imapPort", Integer.toString(imapPort()),
                "imapTls", "plain", "smtpHost", "127.0.0.1", "smtpPort", Integer.toString(smtpPort()), "smtpTls", "plain",
                "username", username, "folder", "INBOX"));
    }

    public static String customerMail(String from, String to, String messageId, String subject, String body, List<String> extraHeaders) {
        StringBuilder raw = new StringBuilder()
                .append("From: Customer <").append(from).append(">\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n");
        if (messageId != null) {
            raw.append("Message-ID: <").append(messageId).append(">\r\n");
        }
        extraHeaders.forEach(h -> raw.append(h).append("\r\n"));
        return raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").append(body).append("\r\n").toString();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
