package dev.postline.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PollPauseTest {

    @Test
    void aPauseRunsItsCourseWithoutHintOrClose() throws Exception {
        assertThat(new PollPause().await(Duration.ofMillis(20))).isEqualTo(PollPause.End.ELAPSED);
    }

    @Test
    void aHintFromAnotherThreadEndsALongPauseAtOnce() throws Exception {
        PollPause pause = new PollPause();
        CompletableFuture<PollPause.End> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pause.await(Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        pause.hint();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(PollPause.End.HINTED);
    }

    @Test
    void aHintBetweenPausesIsKeptForTheNextOneOnceUnlessForgotten() throws Exception {
        PollPause pause = new PollPause();
        pause.hint();
        assertThat(pause.await(Duration.ofMinutes(10))).isEqualTo(PollPause.End.HINTED);
        assertThat(pause.await(Duration.ofMillis(20))).as("used up").isEqualTo(PollPause.End.ELAPSED);
        pause.hint();
        pause.forgetHint();
        assertThat(pause.await(Duration.ofMillis(20))).isEqualTo(PollPause.End.ELAPSED);
    }

    @Test
    void closingEndsThisAndEveryLaterPause() throws Exception {
        PollPause pause = new PollPause();
        pause.hint();
        pause.close();
        assertThat(pause.isClosed()).isTrue();
        assertThat(pause.await(Duration.ofMinutes(10))).isEqualTo(PollPause.End.CLOSED);
        assertThat(pause.await(Duration.ofMinutes(10))).isEqualTo(PollPause.End.CLOSED);
    }
}
