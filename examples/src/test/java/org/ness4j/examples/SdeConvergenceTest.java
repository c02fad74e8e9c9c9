package org.ness4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableCsv;

/**
 * The convergence example (issue 20 item 3: "an example plots the diagrams"): a small run writes
 * the long-form tables and both diagrams per problem, skips the schemes a problem's noise kind
 * rules out, and measures the orders the schemes are known to have: Euler-Maruyama's strong
 * order 1/2 on the linear Ito problem and Heun's 2 on the additive one (with 512 paths the
 * jackknife standard errors are about 0.03; the tolerance 0.15 is 5 of them).
 */
class SdeConvergenceTest {

    @TempDir
    Path dir;

    @Test
    void writesTablesAndDiagramsWithTheKnownOrders() throws IOException {
        assertEquals(0, SdeConvergence.command().execute(new String[] {"--problems",
            "linear,additive", "--algorithms", "euler,heun", "--steps", "8,16,32,64", "--paths", "512",
            "--out", dir.toString()},
            System.out, System.err));
        Table orders = TableCsv.read(dir.resolve("orders.csv"));
        assertEquals(List.of("problem", "algorithm", "strong_order", "strong_order_err",
            "weak_order", "weak_order_err"), orders.columnNames());
        // heun refuses the Ito linear problem: three studies
        assertEquals(3, orders.rowCount());
        for (int r = 0; r < orders.rowCount(); r++) {
            String key = orders.column("problem").stringAt(r) + "/"
                + orders.column("algorithm").stringAt(r);
            double order = orders.column("strong_order").doubleAt(r);
            double expected = key.equals("linear/euler") ? 0.5
                : key.equals("additive/heun") ? 2.0 : 1.0;
            assertEquals(expected, order, 0.15, key);
        }
        Table levels = TableCsv.read(dir.resolve("convergence.csv"));
        assertEquals(12, levels.rowCount());
        assertTrue(Files.readString(dir.resolve("convergence.json")).contains("\"paths\""));
        for (String p : List.of("linear", "additive")) {
            assertTrue(Files.size(dir.resolve("convergence_" + p + ".png")) > 1000, p);
            assertTrue(Files.size(dir.resolve("work_precision_" + p + ".png")) > 1000, p);
        }
    }
}
