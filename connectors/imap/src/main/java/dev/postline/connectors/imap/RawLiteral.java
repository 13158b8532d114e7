package dev.postline.connectors.imap;

import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.iap.Literal;

/** A message sent as an IMAP literal exactly as stored; only for bytes whose every line ends in CRLF. */
record RawLiteral(byte[] bytes) implements Literal {

    /** True when every LF is preceded by CR and no CR stands alone: a literal must not need rewriting. */
    static boolean fits(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                return false;
            }
            if (b == '\r' && (i + 1 == raw.length || raw[i + 1] != '\n')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int size() {
        return bytes.length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }
}
