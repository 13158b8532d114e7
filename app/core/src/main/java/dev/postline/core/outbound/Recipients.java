package dev.postline.core.outbound;

import dev.postline.core.common.EmailAddress;
import dev.postline.core.web.InputCheck;
import dev.postline.mail.MailAddress;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recipient lists: parsed from what a client typed, and worked out for reply-all. */
final class Recipients {

    private static final Pattern NAMED = Pattern.compile("^(.*)<([^<>]*)>\\s*$", Pattern.DOTALL);

    private Recipients() {}

    /**
     * {@code jane@example.com} or {@code Jane Doe <jane@example.com>} (the name may be quoted), each
     * checked: a control character in the name or an invalid address is reported on
     * {@code field[i]}; the list itself may be null.
     */
    static List<MailAddress> parse(InputCheck in, String field, @Nullable List<String> values) {
        List<MailAddress> list = new ArrayList<>();
        if (values == null) {
            return list;
        }
        for (int i = 0; i < values.size(); i++) {
            String item = field + "[" + i + "]";
            String value = values.get(i);
            if (value == null) {
                in.fail(item, "email address is required");
                continue;
            }
            String name = "";
            String address = value;
            Matcher m = NAMED.matcher(value);
            if (m.matches()) {
                name = m.group(1).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                address = m.group(2);
            }
            if (InputCheck.hasControl(name)) {
                in.fail(item, "display name contains a line break or control character");
                continue;
            }
            if (name.length() > 200) {
                in.fail(item, "display name must be at most 200 characters");
                continue;
            }
            EmailAddress checked = in.email(item, address);
            if (checked != null) {
                list.add(new MailAddress(checked.value(), name));
            }
        }
        return list;
    }

    /**
     * The recipients of a reply-all: the customer first, then the answered message's To and Cc,
     * without the tenant's own addresses and without repeats.
     */
    static List<MailAddress> replyAll(MailAddress customer, List<MailAddress> answeredToAndCc, Collection<String> ownAddresses) {
        Set<String> own = new HashSet<>();
        ownAddresses.forEach(a -> own.add(a.toLowerCase(Locale.ROOT)));
        List<MailAddress> all = new ArrayList<>();
        all.add(customer);
        answeredToAndCc.stream().filter(a -> !own.contains(a.address().toLowerCase(Locale.ROOT))).forEach(all::add);
        return distinct(all, Set.of());
    }

    /** The list without addresses already in {@code seen} (compared without case) or repeated; adds them to nothing. */
    static List<MailAddress> distinct(List<MailAddress> list, Set<String> seen) {
        Set<String> taken = new HashSet<>(seen);
        List<MailAddress> out = new ArrayList<>();
        for (MailAddress a : list) {
            if (taken.add(a.address().toLowerCase(Locale.ROOT))) {
                out.add(a);
            }
        }
        return out;
    }

    static Set<String> keys(List<MailAddress> list) {
        Set<String> keys = new HashSet<>();
        list.forEach(a -> keys.add(a.address().toLowerCase(Locale.ROOT)));
        return keys;
    }
}
