package dev.postline.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects parse warnings for one message. Duplicates collapse and the list is capped, because
 * hostile input can produce one problem per byte and the warnings end up stored with the message.
 */
final class Warnings {

    static final int MAX = 50;

    private final Set<String> distinct = new LinkedHashSet<>();
    private int dropped;

    void add(String warning) {
        if (distinct.contains(warning)) {
            return;
        }
        if (distinct.size() < MAX) {
            distinct.add(warning);
        } else {
            dropped++;
        }
    }

    List<String> toList() {
        List<String> all = new ArrayList<>(distinct);
        if (dropped > 0) {
            all.add(dropped + " further warnings omitted");
        }
        return List.copyOf(all);
    }
}
