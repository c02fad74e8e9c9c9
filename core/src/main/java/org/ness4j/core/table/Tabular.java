package org.ness4j.core.table;

/**
 * A result that can give its estimates as a {@link Table} in long (tidy) form: every ness4j
 * accumulator implements it, so that a composite (such as {@code Observations}) and an
 * ensemble result ({@code EnsembleResult.table()}) can turn any of them into a table without
 * knowing its type.
 *
 * <p>The table's provenance is {@link Provenance#minimal()}: an accumulator does not know the
 * run that filled it; {@code EnsembleResult.table} attaches the run's provenance.
 */
public interface Tabular {

    /**
     * The estimates as a table in long form; each implementation documents its columns.
     *
     * @return a new table
     */
    Table toTable();
}
