package org.ness4j.core.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges serialized partial results (files written from {@link ShardedPlan#write}, e.g. by a
 * Spark run's range directory or by separate jobs that each ran a range) into the result of
 * the whole run, refusing a set with a gap, an overlap or parts of different runs.
 *
 * <p>Command line: {@code java -cp ... org.ness4j.core.exec.MergeTool [--plan CLASS] OUT PART...}:
 * without {@code --plan} it only checks the parts (same run, ranges cover it exactly once) and
 * prints the ranges; with {@code --plan CLASS} (a {@link PlanSource} with a public no-argument
 * constructor that builds the run's plan) it merges them and writes the merged part to
 * {@code OUT}. Exit code 0 on success, 1 on a refusal (message on standard error), 2 on a
 * usage error.
 *
 * <p>Thread safety: stateless.
 */
public final class MergeTool {

    private MergeTool() {
    }

    /**
     * Reads the envelopes of part files and checks that they are parts of one run covering it
     * exactly once.
     *
     * @param files the part files
     * @return the envelopes, sorted by range
     * @throws IllegalArgumentException naming the gap, overlap or mismatch
     * @throws UncheckedIOException if a file cannot be read
     */
    public static List<PartFile> check(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no part files given");
        }
        List<PartFile> parts = new ArrayList<>();
        for (Path f : files) {
            try {
                parts.add(PartFile.decode(Files.readAllBytes(f)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
            }
        }
        PartFile first = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            PartFile p = parts.get(i);
            if (!p.fingerprint().equals(first.fingerprint())
                || p.trajectories() != first.trajectories()) {
                throw new IllegalArgumentException(files.get(i) + " belongs to another run than "
                    + files.get(0) + ":\n  " + p.fingerprint() + "\n  " + first.fingerprint());
            }
        }
        Shards.requireCover(parts.stream().map(PartFile::range).toList(), first.trajectories());
        parts.sort((a, b) -> a.range().compareTo(b.range()));
        return parts;
    }

    /**
     * Merges part files into the result of the whole run.
     *
     * @param plan the run's plan (its fingerprint must match the parts')
     * @param files the part files, in any order
     * @param <P> partial result type
     * @return the merged result, exactly that of one run
     * @throws IllegalArgumentException on a gap, an overlap or parts of another run
     */
    public static <P> P merge(ShardedPlan<P> plan, List<Path> files) {
        Objects.requireNonNull(plan, "plan");
        check(files);
        List<P> parts = new ArrayList<>();
        for (Path f : files) {
            try {
                parts.add(plan.read(Files.readAllBytes(f)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return plan.mergeAll(parts);
    }

    /**
     * Writes a partial (or merged) result atomically (a temporary file renamed into place).
     *
     * @param plan the plan
     * @param part the result
     * @param file destination
     * @param <P> partial result type
     * @throws UncheckedIOException if writing fails
     */
    public static <P> void write(ShardedPlan<P> plan, P part, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, plan.write(part));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The command line (see the class documentation).
     *
     * @param args {@code [--plan CLASS] OUT PART...}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * The command line without exiting the JVM.
     *
     * @param args {@code [--plan CLASS] OUT PART...}
     * @return exit code: 0 success, 1 refusal, 2 usage error
     */
    @SuppressWarnings("unchecked")
    public static int run(String[] args) {
        int i = 0;
        String planClass = null;
        if (args.length > 1 && args[0].equals("--plan")) {
            planClass = args[1];
            i = 2;
        }
        if (args.length - i < 2) {
            System.err.println("usage: MergeTool [--plan CLASS] OUT PART...");
            return 2;
        }
        Path out = Path.of(args[i]);
        List<Path> files = new ArrayList<>();
        for (int k = i + 1; k < args.length; k++) {
            files.add(Path.of(args[k]));
        }
        try {
            List<PartFile> parts = check(files);
            if (planClass == null) {
                System.out.println(parts.size() + " parts cover all " + parts.get(0)
                    .trajectories() + " trajectories: " + parts.stream().map(PartFile::range)
                    .toList());
                return 0;
            }
            PlanSource<Object> source = (PlanSource<Object>) Class.forName(planClass)
                .getConstructor().newInstance();
            ShardedPlan<Object> plan = source.plan();
            write(plan, merge(plan, files), out);
            System.out.println("merged " + parts.size() + " parts into " + out);
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (ReflectiveOperationException | ClassCastException e) {
            System.err.println("cannot use plan class " + planClass + ": " + e);
            return 2;
        }
    }
}
