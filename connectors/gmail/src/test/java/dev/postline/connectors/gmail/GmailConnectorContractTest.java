package dev.postline.connectors.gmail;

import dev.postline.connectors.tck.ConnectorUnderTest;
import dev.postline.connectors.tck.CursorContract;
import dev.postline.connectors.tck.FailureContract;
import dev.postline.connectors.tck.FetchContract;
import dev.postline.connectors.tck.SendContract;
import dev.postline.connectors.tck.UnfetchableContract;
import dev.postline.connectors.tck.WaitContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The whole contract kit against the Gmail double, waiting by polling history every second. */
class GmailConnectorContractTest implements FetchContract, CursorContract, FailureContract, WaitContract, SendContract,
        UnfetchableContract {

    private GmailDoubleConnectorUnderTest connector;

    @BeforeEach
    void setUp() {
        connector = new GmailDoubleConnectorUnderTest();
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
