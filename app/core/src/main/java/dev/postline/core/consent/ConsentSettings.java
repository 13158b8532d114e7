package dev.postline.core.consent;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The consent flow ({@code postline.oauth.consent.*}). */
@ConfigurationProperties("postline.oauth.consent")
public class ConsentSettings {

    private Duration stateTtl = Duration.ofMinutes(10);

    /** How long a started consent may take: the state is refused after this. */
    public Duration getStateTtl() { return stateTtl; }
    public void setStateTtl(Duration stateTtl) { this.stateTtl = stateTtl; }
}
