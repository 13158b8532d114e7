package dev.postline.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;

/**
 * A GreenMail IMAP server in its own JVM, so that its per-connection objects stay out of the heap
 * that {@link IdleTouchpointHeapBenchmark} measures. Users {@code idle-0@heap.example} …
 * {@code idle-(K-1)@heap.example}, password {@code pw}. Prints {@code PORT n} when listening on
 * 127.0.0.1 and stops when its standard input closes (the parent exits or closes it).
 *
 * <pre>--users K</pre>
 */
public final class StandaloneGreenMail {

    public static void main(String[] args) throws IOException {
        int users = PostlineBench.intArg(args, "--users", 200);
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        for (int i = 0; i < users; i++) {
            greenMail.setUser("idle-" + i + "@heap.example", "idle-" + i + "@heap.example", "pw");
        }
        System.out.println("PORT " + greenMail.getImap().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for EOF
        }
        greenMail.stop();
    }
}
