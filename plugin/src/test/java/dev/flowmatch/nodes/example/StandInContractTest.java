package dev.flowmatch.nodes.example;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.StandInNodeDriver;

/** The stand-in must catch what KNIME would reject, or node tests prove nothing. */
class StandInContractTest {

    /** Promises the input spec in configure but returns an empty table. */
    private static final class BrokenPromiseModel extends ScaleNodeModel {
        BrokenPromiseModel() {
            super(ScaleNodeFactory.CONFIGURATION);
        }

        @Override
        protected BufferedDataTable[] execute(final BufferedDataTable[] in, final ExecutionContext exec,
            final ScaleNodeParameters s) {
            var c = exec.createDataContainer(new DataTableSpec());
            c.close();
            return new BufferedDataTable[]{c.getTable()};
        }
    }

    @Test
    void executeMustDeliverTheSpecConfigurePromised() {
        var node = new StandInNodeDriver<>(new BrokenPromiseModel());
        var input = StandInNodeDriver.createTable(ExampleTables.SPEC, ExampleTables.rows());
        var e = assertThrows(IllegalStateException.class, () -> node.execute(input));
        assertTrue(e.getMessage().contains("configure() promised"), e.getMessage());
    }

    @Test
    void containerRejectsRowsThatDoNotFitTheSpec() {
        var rows = ExampleTables.rows();
        assertThrows(IllegalArgumentException.class,
            () -> StandInNodeDriver.createTable(ExampleTables.SPEC, rows[0], rows[0]), "duplicate row key");
        assertThrows(IllegalArgumentException.class,
            () -> StandInNodeDriver.createTable(new DataTableSpec(), rows[0]), "cell count");
    }
}
