package dev.postline.connectors.gmaildouble;

import java.time.Instant;
import java.util.List;

/**
 * A mailbox's push watch as {@code users.watch} set it up: the topic, the label filter and when it lapses.
 *
 * @param labelFilterBehavior {@code include} (a change must touch one of {@code labelIds}) or {@code exclude}
 */
public record Watch(String topic, List<String> labelIds, String labelFilterBehavior, Instant expiration, int renewals) {

    /** Whether a message added with {@code labels} is something this watch reports. */
    boolean reports(List<String> labels) {
        if (labelIds.isEmpty()) {
            return true;
        }
        boolean any = labels.stream().anyMatch(labelIds::contains);
        return "exclude".equalsIgnoreCase(labelFilterBehavior) ? !any : any;
    }

    boolean liveAt(Instant now) {
        return now.isBefore(expiration);
    }
}
