package org.ness4j.core.table.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ness4j.core.table.Column;
import org.ness4j.core.table.Provenance;
import org.ness4j.core.table.Table;
import org.ness4j.core.table.TableMetadata;

/**
 * The jhdf calls behind {@link TableHdf5}, in a class of their own so that {@code TableHdf5}
 * loads (and can say what is missing) without jhdf on the class path.
 */
final class JhdfTables {

    static final String METADATA = "ness4j_metadata";
    static final String TABLES = "ness4j_tables";

    private JhdfTables() {
    }

    static void write(Path file, List<Table> tables) throws IOException {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            String[] names = new String[tables.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = tables.get(i).name();
            }
            hdf.putAttribute(TABLES, names);
            for (Table t : tables) {
                WritableGroup g = hdf.putGroup(t.name());
                TableMetadata meta = t.metadata();
                g.putAttribute(METADATA, meta.toJson());
                g.putAttribute("columns", t.columnNames().toArray(new String[0]));
                g.putAttribute("rows", (long) t.rowCount());
                Provenance p = t.provenance();
                g.putAttribute("library_version", p.libraryVersion());
                g.putAttribute("java_version", p.javaVersion());
                p.masterSeed().ifPresent(v -> g.putAttribute("master_seed", v));
                p.dt().ifPresent(v -> g.putAttribute("dt", v));
                p.steps().ifPresent(v -> g.putAttribute("steps", v));
                p.algorithm().ifPresent(v -> g.putAttribute("algorithm", v));
                p.trajectories().ifPresent(v -> g.putAttribute("trajectories", v));
                p.groups().ifPresent(v -> g.putAttribute("groups", (long) v));
                p.start().ifPresent(v -> g.putAttribute("start", v.toString()));
                p.end().ifPresent(v -> g.putAttribute("end", v.toString()));
                p.commandLine().filter(a -> !a.isEmpty())
                        .ifPresent(a -> g.putAttribute("command_line", a.toArray(new String[0])));
                if (!p.parameters().isEmpty()) {
                    g.putAttribute("parameters", p.parametersJson());
                }
                for (Column c : t.columns()) {
                    switch (c.type()) {
                        case DOUBLE:
                            g.putDataset(c.name(), c.doubles());
                            break;
                        case LONG:
                            g.putDataset(c.name(), c.longs());
                            break;
                        default:
                            g.putDataset(c.name(), c.strings());
                    }
                }
            }
        } catch (HdfException e) {
            throw new IOException("writing HDF5 file " + file + " failed: " + e.getMessage(), e);
        }
    }

    static Table read(Path file, String table) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            return read(hdf, file, table);
        } catch (HdfException e) {
            throw new IOException("reading HDF5 file " + file + " failed: " + e.getMessage(), e);
        }
    }

    static List<Table> readAll(Path file) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            Attribute list = hdf.getAttribute(TABLES);
            if (list == null || !(list.getData() instanceof String[])) {
                throw new IllegalArgumentException(file + " has no root attribute '" + TABLES
                        + "': not written by ness4j's TableHdf5");
            }
            List<Table> tables = new ArrayList<>();
            for (String name : (String[]) list.getData()) {
                tables.add(read(hdf, file, name));
            }
            return tables;
        } catch (HdfException e) {
            throw new IOException("reading HDF5 file " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static Table read(HdfFile hdf, Path file, String table) {
        Map<String, Node> children = hdf.getChildren();
        Node node = children.get(table);
        if (!(node instanceof Group)) {
            throw new IllegalArgumentException(file + " has no table group '" + table
                    + "'; groups: " + children.keySet());
        }
        Group g = (Group) node;
        Attribute metaAttr = g.getAttribute(METADATA);
        if (metaAttr == null || !(metaAttr.getData() instanceof String)) {
            throw new IllegalArgumentException(file + ": group '" + table + "' has no string"
                    + " attribute '" + METADATA + "': not a ness4j table");
        }
        TableMetadata meta;
        try {
            meta = TableMetadata.fromJson((String) metaAttr.getData());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    file + ": group '" + table + "' attribute " + METADATA + ": " + e.getMessage(), e);
        }
        List<Column> columns = new ArrayList<>();
        for (TableMetadata.ColumnSpec spec : meta.columns()) {
            Node child = g.getChildren().get(spec.name());
            if (!(child instanceof Dataset)) {
                throw new IllegalArgumentException(file + ": group '" + table
                        + "' has no dataset for column '" + spec.name() + "'");
            }
            Dataset d = (Dataset) child;
            Object data = d.getData();
            String where = file + ": dataset '" + table + "/" + spec.name() + "'";
            switch (spec.type()) {
                case DOUBLE:
                    if (!(data instanceof double[])) {
                        throw new IllegalArgumentException(where
                                + " is not a one-dimensional float64 array");
                    }
                    columns.add(spec.allowsMissing()
                            ? Column.ofDoublesWithMissing(spec.name(), (double[]) data)
                            : Column.ofDoubles(spec.name(), (double[]) data));
                    break;
                case LONG:
                    if (!(data instanceof long[])) {
                        throw new IllegalArgumentException(where
                                + " is not a one-dimensional int64 array");
                    }
                    columns.add(Column.ofLongs(spec.name(), (long[]) data));
                    break;
                default:
                    if (!(data instanceof String[])) {
                        throw new IllegalArgumentException(where
                                + " is not a one-dimensional string array");
                    }
                    columns.add(Column.ofStrings(spec.name(), (String[]) data));
            }
        }
        return Table.of(meta, columns);
    }
}
