package dev.postline.connectors.imap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.postline.connectors.tck.ConnectorUnderTest;
import dev.postline.connectors.tck.CursorContract;
import dev.postline.connectors.tck.FailureContract;
import dev.postline.connectors.tck.FetchContract;
import dev.postline.connectors.tck.SendContract;
import dev.postline.connectors.tck.UnfetchableContract;
import dev.postline.connectors.tck.WaitContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole contract kit against GreenMail, waiting with IDLE. */
class ImapConnectorContractTest implements FetchContract, CursorContract, FailureContract, WaitContract, SendContract,
        UnfetchableContract {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = GreenMailSupport.greenMail();

    private GreenMailConnectorUnderTest connector;

    @BeforeEach
    void setUp() {
        connector = new GreenMailConnectorUnderTest(GREEN_MAIL, Map.of());
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
