/**
 * Result tables that leave the library: {@link org.ness4j.core.table.Table} (named, typed
 * columns in long form, with {@link org.ness4j.core.table.Provenance}) and its formats: CSV with
 * a JSON sidecar ({@link org.ness4j.core.table.TableCsv}), NumPy {@code .npy}
 * ({@link org.ness4j.core.table.TableNpy}) and HDF5 ({@code hdf5.TableHdf5}, needs the optional
 * jhdf dependency). Every format has a reader that gives back an equal table.
 *
 * <p>Files of one table share a base name: {@code moments.csv}, {@code moments.npy},
 * {@code moments.json} (the sidecar with column types and provenance, see
 * {@link org.ness4j.core.table.TableMetadata}) and, in HDF5, the group {@code /moments}. The
 * data files depend only on the numbers, never on when or where they were computed.
 */
package org.ness4j.core.table;
