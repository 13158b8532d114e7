package dev.postline.core.threading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who is admitted as a participant, given the addresses seen in a conversation (lower case, own addresses removed). */
class ConversationParticipantsTest {

    private static final Set<String> SEEN = Set.of("ann@acme.example", "bob@gmail.com", "carl@eu.partner.example");

    @ParameterizedTest(name = "{0}, same domain {1} → {2}")
    @CsvSource({
            "ann@acme.example,          false, true",
            "ANN@Acme.Example,          false, true",
            "' ann@acme.example ',      false, true",
            "dora@acme.example,         false, false",
            "dora@acme.example,         true,  true",
            "dora@ACME.example,         true,  true",
            "dora@sub.acme.example,     true,  false",
            "dora@partner.example,      true,  false",
            "carla@eu.partner.example,  true,  true",
            "eve@gmail.com,             true,  false",
            "eve@GMAIL.COM,             true,  false",
            "bob@gmail.com,             true,  true",
            "mallory@attacker.example,  true,  false",
            "not-an-address,            true,  false",
            "'',                        true,  false",
    })
    void admitsExactAddressesAndWhereAllowedTheirNonFreeMailDomain(String sender, boolean sameDomain, boolean admitted) {
        assertThat(ConversationParticipants.admits(SEEN, sender, sameDomain)).isEqualTo(admitted);
    }

    @ParameterizedTest
    @CsvSource({"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me", "gmx.de", "web.de"})
    void knowsTheCommonFreeMailDomains(String domain) {
        assertThat(FreeMailDomains.contains(domain)).isTrue();
        assertThat(FreeMailDomains.contains("acme.example")).isFalse();
    }
}
