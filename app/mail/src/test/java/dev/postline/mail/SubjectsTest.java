package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectsTest {

    @ParameterizedTest(name = "reply(\"{0}\") = \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Order 4711                 | Re: Order 4711
            Re: Order 4711             | Re: Order 4711
            Re: Re: Order 4711         | Re: Order 4711
            RE: AW: Order 4711         | Re: Order 4711
            Aw: Order 4711             | Re: Order 4711
            SV: Sv: Order 4711         | Re: Order 4711
            Antw: Order 4711           | Re: Order 4711
            Re[2]: Order 4711          | Re: Order 4711
            Re(3): Order 4711          | Re: Order 4711
            RE : Order 4711            | Re: Order 4711
            Re:Order 4711              | Re: Order 4711
            '  re:   Order 4711  '     | Re: Order 4711
            回复：订单                  | Re: 订单
            Fwd: Order 4711            | Re: Fwd: Order 4711
            Re: Fwd: Order 4711        | Re: Fwd: Order 4711
            AW: WG: Order 4711         | Re: WG: Order 4711
            Regarding: Order 4711      | Re: Regarding: Order 4711
            Rescue plan                | Re: Rescue plan
            ''                         | Re:
            """)
    void replyShouldAddOneRePrefixWithoutStacking(String subject, String expected) {
        assertThat(Subjects.reply(subject)).isEqualTo(expected);
        assertThat(Subjects.reply(Subjects.reply(subject))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "forward(\"{0}\") = \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Order 4711                 | Fwd: Order 4711
            Fwd: Order 4711            | Fwd: Order 4711
            FW: Fwd: Order 4711        | Fwd: Order 4711
            Re: Order 4711             | Fwd: Re: Order 4711
            """)
    void forwardShouldAddOneFwdPrefixWithoutStacking(String subject, String expected) {
        assertThat(Subjects.forward(subject)).isEqualTo(expected);
    }
}
