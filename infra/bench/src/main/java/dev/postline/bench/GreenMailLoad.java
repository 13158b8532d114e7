package dev.postline.bench;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Date;
import java.util.Properties;

/** Fills a GreenMail inbox with {@link MessageMix} mail through its store API (no SMTP round trips). */
final class GreenMailLoad {

    private GreenMailLoad() {}

    /** Appends {@code messages} generated messages to the user's inbox; returns their total size in bytes. */
    static long fill(GreenMail greenMail, String user, int messages, long seed) throws Exception {
        MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(greenMail.getUserManager().getUser(user));
        Session session = Session.getInstance(new Properties());
        MessageMix mix = new MessageMix(seed);
        long bytes = 0;
        for (int i = 0; i < messages; i++) {
            byte[] raw = mix.next(i);
            bytes += raw.length;
            inbox.appendMessage(new MimeMessage(session, new ByteArrayInputStream(raw)), new Flags(), new Date());
        }
        return bytes;
    }
}
