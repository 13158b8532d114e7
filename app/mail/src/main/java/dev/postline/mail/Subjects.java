package dev.postline.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subject lines for replies and forwards without stacked prefixes. Reply prefixes recognised,
 * case-insensitively, with optional counters ({@code Re[2]:}, {@code Re(2):}, {@code Re^2:}) and
 * full-width colons: Re, Aw (German), Sv (Nordic), Vs (Finnish), Antw (Dutch), Odp (Polish),
 * Rif (Italian), Res (Portuguese), Ynt (Turkish), 回复, 答复, 回覆. Forward prefixes: Fwd, Fw, Wg,
 * Tr, Rv, Vl, Doorst, Enc, 转发.
 */
public final class Subjects {

    private static final String COUNTER = "\\s*(?:\\[\\d+]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]\\s*";
    private static final Pattern REPLY = Pattern.compile(
            "^(?:(?:re|aw|sv|vs|antw|odp|rif|res|ynt|回复|答复|回覆)" + COUNTER + ")+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern FORWARD = Pattern.compile(
            "^(?:(?:fwd|fw|wg|tr|rv|vl|doorst|enc|转发)" + COUNTER + ")+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Subjects() {}

    /**
     * {@code "Re: "} plus the subject without its leading reply prefixes: {@code "RE: AW: x"} →
     * {@code "Re: x"}. A forward prefix is kept, as mail clients do ({@code "Fwd: x"} →
     * {@code "Re: Fwd: x"}), so replying again does not grow the subject: {@code reply(reply(s))}
     * equals {@code reply(s)}. A blank subject gives {@code "Re:"}.
     */
    public static String reply(String subject) {
        return ("Re: " + strip(REPLY, subject)).strip();
    }

    /** {@code "Fwd: "} plus the subject without its leading forward prefixes; reply prefixes are kept. */
    public static String forward(String subject) {
        return ("Fwd: " + strip(FORWARD, subject)).strip();
    }

    private static String strip(Pattern prefixes, String subject) {
        String s = subject.strip();
        Matcher m = prefixes.matcher(s);
        return m.find() ? s.substring(m.end()).strip() : s;
    }
}
