package dev.postline.connectors.imap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.postline.connectors.tck.ConnectorUnderTest;
import dev.postline.connectors.tck.WaitContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The waiting contract with IDLE switched off, so the polling fallback is proven too. */
class ImapPollingWaitContractTest implements WaitContract {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailSupport.greenMail();

    private GreenMailConnectorUnderTest connector;

    @BeforeEach
    void setUp() {
        connector = new GreenMailConnectorUnderTest(GREEN_MAIL, Map.of("useIdle", "false", "pollIntervalSeconds", "1"));
    }

    @AfterEach
    void tearDown() {
        connector.close();
    }

    @Override
    public ConnectorUnderTest connector() {
        return connector;
    }
}
