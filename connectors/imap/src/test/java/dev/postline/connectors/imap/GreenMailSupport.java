package dev.postline.connectors.imap;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/** GreenMail on free ports of 127.0.0.1, fresh for every test method. */
final class GreenMailSupport {

    private GreenMailSupport() {
    }

    static GreenMailExtension greenMail() {
        return new GreenMailExtension(new ServerSetup[] {
                ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser(GreenMailConnectorUnderTest.USER, GreenMailConnectorUnderTest.USER,
                                GreenMailConnectorUnderTest.PASSWORD));
    }
}
