/**
 * HDF5 output of {@link org.ness4j.core.table.Table}s through jhdf, an optional dependency of
 * ness4j-core: {@link org.ness4j.core.table.hdf5.TableHdf5} says what to add when jhdf is
 * absent. Kept in its own package so that the rest of {@code org.ness4j.core.table} never loads
 * jhdf classes.
 */
package org.ness4j.core.table.hdf5;
