package dev.postline.core.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known about the end of one touchpoint's authorization.
 *
 * @param predictedEnd when the authorization stops working unless someone acts; empty = open-ended
 * @param periodicNotice a re-authentication notice is due every this often regardless of the end
 *     (Microsoft touchpoints: every 14 days, as contact centers expect); empty = none
 * @param basis a short, safe explanation shown to admins ("90 days after the last token refresh")
 */
public record Horizon(Optional<Instant> predictedEnd, Optional<Duration> periodicNotice, String basis) {

    public static final Horizon OPEN_ENDED = new Horizon(Optional.empty(), Optional.empty(), "no known end");
}
