package dev.postline.mail;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of {@link AutomatedMailClassifier}: the flags that apply and, for each, a reason an
 * admin can read ("Auto-Submitted: auto-replied").
 */
public record MailClassification(Set<MailFlag> flags, List<String> reasons) {

    public MailClassification {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        reasons = List.copyOf(reasons);
    }

    public boolean has(MailFlag flag) {
        return flags.contains(flag);
    }

    /** False as soon as any flag is set: never answer automated, bounced, list or looping mail. */
    public boolean mayAutoReply() {
        return flags.isEmpty();
    }
}
