package dev.postline.connectors.graph;

import dev.postline.connectors.tck.ConnectorUnderTest;
import dev.postline.connectors.tck.CursorContract;
import dev.postline.connectors.tck.FailureContract;
import dev.postline.connectors.tck.FetchContract;
import dev.postline.connectors.tck.SendContract;
import dev.postline.connectors.tck.UnfetchableContract;
import dev.postline.connectors.tck.WaitContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The whole contract kit against the Graph double, waiting by polling the delta link. */
class GraphConnectorContractTest implements FetchContract, CursorContract, FailureContract, WaitContract, SendContract,
        UnfetchableContract {

    private GraphDoubleConnectorUnderTest connector;

    @BeforeEach
    void setUp() {
        connector = new GraphDoubleConnectorUnderTest();
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
