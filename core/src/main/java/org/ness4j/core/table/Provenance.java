package org.ness4j.core.table;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ness4j.core.Version;

/**
 * Where a {@link Table} came from: library version, master seed, time step, steps, algorithm,
 * the problem's parameters, trajectories, trajectory groups, start and end of the run, Java
 * version and, for tables written by a command-line tool, its arguments.
 *
 * <p>Everything except the library and Java versions is optional (an exact solver has no seed or
 * time step). Written as JSON ({@link #toJson()}, read back by {@link #fromJson(String)}) into a
 * table's sidecar file and HDF5 attributes, never into the CSV itself, so that the data bytes
 * do not depend on when, where or how a computation ran.
 *
 * <p>Parameters are an ordered map from names to {@code String}, {@code Long}, {@code Double}
 * (finite) or {@code Boolean} values; they keep their order and their type through JSON.
 *
 * <p>Immutable and thread-safe.
 */
public final class Provenance {

    private final String libraryVersion;
    private final Long masterSeed;
    private final Double dt;
    private final Long steps;
    private final String algorithm;
    private final Map<String, Object> parameters;
    private final Long trajectories;
    private final Integer groups;
    private final Instant start;
    private final Instant end;
    private final String javaVersion;
    private final List<String> commandLine;

    private Provenance(Builder b) {
        this.libraryVersion = b.libraryVersion;
        this.masterSeed = b.masterSeed;
        this.dt = b.dt;
        this.steps = b.steps;
        this.algorithm = b.algorithm;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.trajectories = b.trajectories;
        this.groups = b.groups;
        this.start = b.start;
        this.end = b.end;
        this.javaVersion = b.javaVersion;
        this.commandLine = b.commandLine == null ? null : List.copyOf(b.commandLine);
    }

    /**
     * A builder with the library version ({@link Version#current()}) and the running Java
     * version ({@code java.version}) filled in and everything else absent.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Provenance with only the library and Java versions.
     *
     * @return the provenance of a table with no run behind it
     */
    public static Provenance minimal() {
        return builder().build();
    }

    /**
     * A builder initialized with this provenance's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.libraryVersion = libraryVersion;
        b.masterSeed = masterSeed;
        b.dt = dt;
        b.steps = steps;
        b.algorithm = algorithm;
        b.parameters.putAll(parameters);
        b.trajectories = trajectories;
        b.groups = groups;
        b.start = start;
        b.end = end;
        b.javaVersion = javaVersion;
        b.commandLine = commandLine;
        return b;
    }

    /**
     * The ness4j version that produced the table.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}
     */
    public String libraryVersion() {
        return libraryVersion;
    }

    /**
     * The ensemble's master seed.
     *
     * @return the seed, if the table came from a seeded run
     */
    public OptionalLong masterSeed() {
        return masterSeed == null ? OptionalLong.empty() : OptionalLong.of(masterSeed);
    }

    /**
     * The time step.
     *
     * @return dt in the model's time unit (1/J for the chain), if there was one
     */
    public OptionalDouble dt() {
        return dt == null ? OptionalDouble.empty() : OptionalDouble.of(dt);
    }

    /**
     * The number of time steps per trajectory.
     *
     * @return the steps, if known
     */
    public OptionalLong steps() {
        return steps == null ? OptionalLong.empty() : OptionalLong.of(steps);
    }

    /**
     * The algorithm, e.g. {@code "Heun"}.
     *
     * @return the algorithm's name, if given
     */
    public Optional<String> algorithm() {
        return Optional.ofNullable(algorithm);
    }

    /**
     * The problem's parameters, in the order they were given.
     *
     * @return an unmodifiable map of names to {@code String}, {@code Long}, {@code Double} or
     *     {@code Boolean} values
     */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /**
     * The number of trajectories.
     *
     * @return the trajectories, if known
     */
    public OptionalLong trajectories() {
        return trajectories == null ? OptionalLong.empty() : OptionalLong.of(trajectories);
    }

    /**
     * The number of trajectory groups behind the jackknife errors.
     *
     * @return the groups, if known
     */
    public OptionalInt groups() {
        return groups == null ? OptionalInt.empty() : OptionalInt.of(groups);
    }

    /**
     * When the computation started.
     *
     * @return the start instant, if recorded
     */
    public Optional<Instant> start() {
        return Optional.ofNullable(start);
    }

    /**
     * When the computation ended.
     *
     * @return the end instant, if recorded
     */
    public Optional<Instant> end() {
        return Optional.ofNullable(end);
    }

    /**
     * The Java version that ran the computation.
     *
     * @return e.g. {@code 17.0.15}
     */
    public String javaVersion() {
        return javaVersion;
    }

    /**
     * The command-line arguments of the tool that produced the table.
     *
     * @return the arguments, if the table came from a command-line tool
     */
    public Optional<List<String>> commandLine() {
        return Optional.ofNullable(commandLine);
    }

    /**
     * This provenance as a JSON object (keys in a fixed order, absent values left out), ending
     * with a newline.
     *
     * @return the JSON text
     */
    public String toJson() {
        return Json.write(toMap());
    }

    /**
     * The parameters as a JSON object on one line, e.g. {@code {"J": 1.0, "L": 16}} (the HDF5
     * attribute {@code parameters}).
     *
     * @return the JSON text
     */
    public String parametersJson() {
        StringBuilder sb = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            sb.append(sep);
            Json.string(sb, e.getKey());
            sb.append(": ");
            Object v = e.getValue();
            if (v instanceof String) {
                Json.string(sb, (String) v);
            } else if (v instanceof Double) {
                sb.append(Decimals.format((Double) v));
            } else {
                sb.append(v);
            }
            sep = ", ";
        }
        return sb.append('}').toString();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("libraryVersion", libraryVersion);
        putIf(m, "masterSeed", masterSeed);
        putIf(m, "dt", dt);
        putIf(m, "steps", steps);
        putIf(m, "algorithm", algorithm);
        m.put("parameters", parameters);
        putIf(m, "trajectories", trajectories);
        putIf(m, "groups", groups);
        putIf(m, "start", start == null ? null : start.toString());
        putIf(m, "end", end == null ? null : end.toString());
        m.put("javaVersion", javaVersion);
        putIf(m, "commandLine", commandLine);
        return m;
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /**
     * Reads provenance written by {@link #toJson()}. Unknown keys are ignored (written by a
     * newer version); known keys must have the right types.
     *
     * @param json the JSON text
     * @return the provenance
     * @throws IllegalArgumentException if the text is not such a JSON object, naming the key
     */
    public static Provenance fromJson(String json) {
        Object v = Json.parse(Objects.requireNonNull(json, "json"));
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("provenance JSON must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return fromMap(m);
    }

    static Provenance fromMap(Map<String, Object> m) {
        Builder b = new Builder();
        b.libraryVersion(get(m, "libraryVersion", String.class, true));
        b.javaVersion(get(m, "javaVersion", String.class, true));
        Long seed = get(m, "masterSeed", Long.class, false);
        if (seed != null) {
            b.masterSeed(seed);
        }
        Object dtValue = m.get("dt");
        if (dtValue != null) {
            if (!(dtValue instanceof Number)) {
                throw new IllegalArgumentException("provenance key \"dt\" must be a number");
            }
            b.dt(((Number) dtValue).doubleValue());
        }
        Long stepsValue = get(m, "steps", Long.class, false);
        if (stepsValue != null) {
            b.steps(stepsValue);
        }
        String alg = get(m, "algorithm", String.class, false);
        if (alg != null) {
            b.algorithm(alg);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = get(m, "parameters", Map.class, false);
        if (params != null) {
            for (Map.Entry<String, Object> e : params.entrySet()) {
                b.parameterObject(e.getKey(), e.getValue());
            }
        }
        Long traj = get(m, "trajectories", Long.class, false);
        if (traj != null) {
            b.trajectories(traj);
        }
        Long groupsValue = get(m, "groups", Long.class, false);
        if (groupsValue != null) {
            if (groupsValue > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "provenance key \"groups\" is too large: " + groupsValue);
            }
            b.groups(groupsValue.intValue());
        }
        b.start = instant(m, "start");
        b.end = instant(m, "end");
        List<?> cmd = get(m, "commandLine", List.class, false);
        if (cmd != null) {
            List<String> args = new ArrayList<>();
            for (Object a : cmd) {
                if (!(a instanceof String)) {
                    throw new IllegalArgumentException(
                            "provenance key \"commandLine\" must be a list of strings");
                }
                args.add((String) a);
            }
            b.commandLine(args);
        }
        return b.build();
    }

    private static Instant instant(Map<String, Object> m, String key) {
        String text = get(m, key, String.class, false);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("provenance key \"" + key
                    + "\" must be an ISO-8601 instant: " + Column.quoted(text), e);
        }
    }

    private static <T> T get(Map<String, Object> m, String key, Class<T> type, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("provenance key \"" + key + "\" is missing");
            }
            return null;
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("provenance key \"" + key + "\" must be a "
                    + (type == Long.class ? "integer" : type.getSimpleName().toLowerCase())
                    + ": " + v);
        }
        return type.cast(v);
    }

    /** Equal if every field is equal (parameters in the same order). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Provenance)) {
            return false;
        }
        Provenance p = (Provenance) o;
        return libraryVersion.equals(p.libraryVersion) && Objects.equals(masterSeed, p.masterSeed)
                && Objects.equals(dt, p.dt) && Objects.equals(steps, p.steps)
                && Objects.equals(algorithm, p.algorithm)
                && new ArrayList<>(parameters.entrySet())
                        .equals(new ArrayList<>(p.parameters.entrySet()))
                && Objects.equals(trajectories, p.trajectories)
                && Objects.equals(groups, p.groups) && Objects.equals(start, p.start)
                && Objects.equals(end, p.end) && javaVersion.equals(p.javaVersion)
                && Objects.equals(commandLine, p.commandLine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(libraryVersion, masterSeed, dt, steps, algorithm, parameters,
                trajectories, groups, start, end, javaVersion, commandLine);
    }

    /** The JSON form on one line. */
    @Override
    public String toString() {
        return toJson().replaceAll("\n\\s*", " ").trim();
    }

    /**
     * Builds {@link Provenance}; every setter checks its argument at once. Not thread-safe.
     */
    public static final class Builder {
        private String libraryVersion = Version.current();
        private Long masterSeed;
        private Double dt;
        private Long steps;
        private String algorithm;
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private Long trajectories;
        private Integer groups;
        private Instant start;
        private Instant end;
        private String javaVersion = System.getProperty("java.version");
        private List<String> commandLine;

        private Builder() {
        }

        /**
         * Overrides the library version (for tables read back from files).
         *
         * @param version a non-blank version string
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder libraryVersion(String version) {
            this.libraryVersion = nonBlank("libraryVersion", version);
            return this;
        }

        /**
         * The ensemble's master seed.
         *
         * @param seed any long
         * @return this builder
         */
        public Builder masterSeed(long seed) {
            this.masterSeed = seed;
            return this;
        }

        /**
         * The time step.
         *
         * @param dt positive and finite, in the model's time unit
         * @return this builder
         * @throws IllegalArgumentException if not positive and finite
         */
        public Builder dt(double dt) {
            if (!(dt > 0) || Double.isInfinite(dt)) {
                throw new IllegalArgumentException("dt must be positive and finite: " + dt);
            }
            this.dt = dt;
            return this;
        }

        /**
         * The number of time steps per trajectory.
         *
         * @param steps at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder steps(long steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be >= 0: " + steps);
            }
            this.steps = steps;
            return this;
        }

        /**
         * The algorithm's name.
         *
         * @param algorithm e.g. {@code "Heun"}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder algorithm(String algorithm) {
            this.algorithm = nonBlank("algorithm", algorithm);
            return this;
        }

        /**
         * Adds (or replaces) a text parameter.
         *
         * @param name a non-empty name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder parameter(String name, String value) {
            return parameterObject(name, Objects.requireNonNull(value, "value"));
        }

        /**
         * Adds (or replaces) a numeric parameter.
         *
         * @param name a non-empty name
         * @param value a finite value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or the value not finite
         */
        public Builder parameter(String name, double value) {
            return parameterObject(name, value);
        }

        /**
         * Adds (or replaces) an integer parameter.
         *
         * @param name a non-empty name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder parameter(String name, long value) {
            return parameterObject(name, value);
        }

        /**
         * Adds (or replaces) a yes/no parameter.
         *
         * @param name a non-empty name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder parameter(String name, boolean value) {
            return parameterObject(name, value);
        }

        /**
         * Adds all entries of a map, in its iteration order.
         *
         * @param values names to {@code String}, {@code Long}, {@code Integer}, {@code Double}
         *     (finite) or {@code Boolean} values
         * @return this builder
         * @throws IllegalArgumentException if a name is empty or a value has another type
         */
        public Builder parameters(Map<String, ?> values) {
            for (Map.Entry<String, ?> e : values.entrySet()) {
                parameterObject(e.getKey(), e.getValue());
            }
            return this;
        }

        Builder parameterObject(String name, Object value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("parameter name must not be empty");
            }
            Object v = value instanceof Integer ? Long.valueOf((Integer) value) : value;
            if (v instanceof Double && !Double.isFinite((Double) v)) {
                throw new IllegalArgumentException(
                        "parameter '" + name + "' must be finite: " + v);
            }
            if (!(v instanceof String || v instanceof Long || v instanceof Double
                    || v instanceof Boolean)) {
                throw new IllegalArgumentException("parameter '" + name
                        + "' must be a String, integer, double or boolean: " + value);
            }
            parameters.put(name, v);
            return this;
        }

        /**
         * The number of trajectories.
         *
         * @param trajectories at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder trajectories(long trajectories) {
            if (trajectories < 0) {
                throw new IllegalArgumentException(
                        "trajectories must be >= 0: " + trajectories);
            }
            this.trajectories = trajectories;
            return this;
        }

        /**
         * The number of trajectory groups.
         *
         * @param groups at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder groups(int groups) {
            if (groups < 1) {
                throw new IllegalArgumentException("groups must be >= 1: " + groups);
            }
            this.groups = groups;
            return this;
        }

        /**
         * When the computation started and ended.
         *
         * @param start the start
         * @param end the end, not before the start
         * @return this builder
         * @throws IllegalArgumentException if the end is before the start
         */
        public Builder interval(Instant start, Instant end) {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException(
                        "end must not be before start: start " + start + ", end " + end);
            }
            this.start = start;
            this.end = end;
            return this;
        }

        /**
         * Overrides the Java version (for tables read back from files).
         *
         * @param version a non-blank version string
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder javaVersion(String version) {
            this.javaVersion = nonBlank("javaVersion", version);
            return this;
        }

        /**
         * The arguments of the command-line tool that produced the table.
         *
         * @param args the arguments (copied; no nulls)
         * @return this builder
         */
        public Builder commandLine(List<String> args) {
            this.commandLine = List.copyOf(args);
            return this;
        }

        /**
         * The provenance.
         *
         * @return the immutable provenance
         * @throws IllegalArgumentException if only one of start and end is set
         */
        public Provenance build() {
            if ((start == null) != (end == null)) {
                throw new IllegalArgumentException(
                        "start and end must be given together: start " + start + ", end " + end);
            }
            if (start != null && end.isBefore(start)) {
                throw new IllegalArgumentException(
                        "end must not be before start: start " + start + ", end " + end);
            }
            return new Provenance(this);
        }

        private static String nonBlank(String what, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank: " + value);
            }
            return value;
        }
    }
}
