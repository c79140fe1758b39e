package dev.homeostat.testbed.shard;

import dev.homeostat.reports.AtomicFiles;
import dev.homeostat.reports.SuiteReport;
import dev.homeostat.reports.journal.Journal;
import dev.homeostat.reports.journal.JournalIo;
import dev.homeostat.reports.score.Scorer;
import dev.homeostat.testbed.run.LoadedSuite;
import dev.homeostat.testbed.run.SuiteOutput;
import dev.homeostat.testbed.run.SuitePair;
import dev.homeostat.testbed.run.SuiteRunner.SeedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges the output folders of the N shards of one suite into the report an unsharded run writes.
 * {@link #plan} checks everything first — one suite, one N, the same scenario files, every pair of the
 * suite in exactly one shard, every journal present and about its pair — so bad input never leaves a
 * half-written merge; {@link Plan#writeTo} then re-scores each pair from its journals and writes through
 * {@link SuiteOutput}, the code the unsharded run uses, in suite order: the report comes out byte-identical.
 */
public final class ShardMerge {
    private static final int MAX_LISTED = 5;

    private ShardMerge() { }

    /** A shard folder and its manifest. */
    public record ShardDir(Path dir, ShardManifest manifest) {
        String label() {
            return dir + " (shard " + manifest.shard() + "/" + manifest.of() + ")";
        }
    }

    /** Where each pair of the suite is found. */
    public record Located(SuitePair pair, ShardDir shard) { }

    /** A checked merge: the suite, re-loaded from the manifests' source, and each pair's shard, in suite order. */
    public record Plan(LoadedSuite suite, List<ShardDir> shards, List<Located> pairs) {
        public Plan {
            shards = List.copyOf(shards);
            pairs = List.copyOf(pairs);
        }

        /**
         * Re-scores every pair from its journals, copies the journals into {@code outDir/journals/}, writes
         * report.json and summary.md there, and returns the report.
         */
        public SuiteReport writeTo(Path outDir) {
            var runs = new ArrayList<SeedRun>(pairs.size());
            for (Located at : pairs) {
                SuitePair p = at.pair();
                Journal baseline = JournalIo.read(journal(at, false));
                Journal engine = JournalIo.read(journal(at, true));
                runs.add(new SeedRun(p.scenario(), p.seed(), baseline, engine, Scorer.score(engine, baseline, p.scenario().scoring())));
            }
            for (Located at : pairs)
                for (boolean engine : new boolean[] {false, true}) {
                    String scenario = at.pair().scenario().name();
                    long seed = at.pair().seed();
                    copy(journal(at, engine), SuiteOutput.journal(outDir, scenario, seed, engine));
                    Path series = SuiteOutput.series(at.shard().dir(), scenario, seed, engine);
                    if (Files.exists(series)) copy(series, SuiteOutput.series(outDir, scenario, seed, engine));
                }
            return SuiteOutput.writeReport(suite.name(), suite.scenarios(), runs, outDir);
        }
    }

    /** Reads and cross-checks the manifests of {@code shardDirs}; any inconsistency is bad input naming it. */
    public static Plan plan(List<Path> shardDirs) {
        if (shardDirs == null || shardDirs.isEmpty())
            throw new IllegalArgumentException("DIR: give the output folders of all shards of one suite, e.g. out/shard-0 out/shard-1 out/shard-2");
        var shards = shardDirs.stream().map(d -> new ShardDir(d, ShardManifest.read(d))).toList();
        ShardDir first = shards.getFirst();
        for (ShardDir s : shards.subList(1, shards.size())) sameRun(first, s);

        ShardManifest m = first.manifest();
        Path source = Path.of(m.source());
        if (!Files.exists(source))
            throw new IllegalArgumentException(first.dir().resolve(ShardManifest.FILE) + ": source: " + m.source()
                    + " does not exist from the working directory " + Path.of("").toAbsolutePath()
                    + "; run 'report merge' from the folder the shards ran in (in the Job: the image's WORKDIR)");
        LoadedSuite suite = LoadedSuite.load(source, m.seeds());
        sameScenarios(first, ShardManifest.files(suite.scenarios()));

        List<SuitePair> all = suite.pairs();
        var owners = new ArrayList<List<ShardDir>>();
        for (int i = 0; i < all.size(); i++) owners.add(new ArrayList<>());
        for (ShardDir s : shards) {
            var ms = s.manifest();
            for (int k = 0; k < ms.pairs().size(); k++) {
                var p = ms.pairs().get(k);
                String where = s.dir().resolve(ShardManifest.FILE) + ": pairs[" + k + "]: ";
                if (p.index() < 0 || p.index() >= all.size())
                    throw new IllegalArgumentException(where + "index " + p.index() + " is outside the suite's " + all.size() + " pairs");
                SuitePair expected = all.get(p.index());
                if (!expected.scenario().name().equals(p.scenario()) || expected.seed() != p.seed())
                    throw new IllegalArgumentException(where + "#" + p.index() + " is " + p.scenario() + " seed " + p.seed()
                            + " but the suite's pair #" + p.index() + " is " + expected.label() + "; the shard ran another version of the suite");
                if (!ms.shardOf().owns(p.index()))
                    throw new IllegalArgumentException(where + "#" + p.index() + " (" + expected.label() + ") does not belong to shard "
                            + ms.shardOf() + " (index % " + ms.of() + " != " + ms.shard() + ")");
                owners.get(p.index()).add(s);
            }
        }
        coverage(all, owners, m.of());

        var located = new ArrayList<Located>(all.size());
        for (SuitePair p : all) {
            var at = new Located(p, owners.get(p.index()).getFirst());
            for (boolean engine : new boolean[] {false, true}) checkJournal(at, engine);
            located.add(at);
        }
        return new Plan(suite, shards, located);
    }

    private static void sameRun(ShardDir first, ShardDir other) {
        ShardManifest a = first.manifest();
        ShardManifest b = other.manifest();
        differs(first, other, "suite", a.suite(), b.suite());
        differs(first, other, "source", a.source(), b.source());
        differs(first, other, "of", a.of(), b.of());
        differs(first, other, "seeds", a.seeds(), b.seeds());
        differs(first, other, "scenarios", a.scenarios(), b.scenarios());
    }

    private static void differs(ShardDir first, ShardDir other, String field, Object a, Object b) {
        if (!Objects.equals(a, b))
            throw new IllegalArgumentException(other.dir().resolve(ShardManifest.FILE) + ": " + field + ": " + b + ", but "
                    + first.dir().resolve(ShardManifest.FILE) + " has " + a
                    + "; every folder of one merge must be a shard of the same suite run with the same N");
    }

    private static void sameScenarios(ShardDir first, List<ShardManifest.ScenarioFile> now) {
        var ran = first.manifest().scenarios();
        for (var f : ran)
            if (!now.contains(f)) {
                String fix = now.stream().anyMatch(n -> n.file().equals(f.file()))
                        ? "has changed since the shards ran (sha256 or name differs)"
                        : "is no longer in the suite";
                throw new IllegalArgumentException(first.dir().resolve(ShardManifest.FILE) + ": scenarios: " + f.file() + " " + fix
                        + "; merge with the same scenario files the shards ran, or run the shards again");
            }
        for (var f : now)
            if (!ran.contains(f))
                throw new IllegalArgumentException(first.dir().resolve(ShardManifest.FILE) + ": scenarios: " + f.file()
                        + " is in the suite now but the shards did not run it; run the shards again");
    }

    private static void coverage(List<SuitePair> all, List<List<ShardDir>> owners, int n) {
        var missing = new ArrayList<String>();
        var duplicated = new ArrayList<String>();
        for (SuitePair p : all) {
            var in = owners.get(p.index());
            if (in.isEmpty())
                missing.add("pair #" + p.index() + " (" + p.label() + ") of shard " + (p.index() % n) + "/" + n);
            else if (in.size() > 1)
                duplicated.add("pair #" + p.index() + " (" + p.label() + ") is in " + String.join(" and ", in.stream().map(ShardDir::label).toList()));
        }
        if (!duplicated.isEmpty())
            throw new IllegalArgumentException("DIR: duplicated: " + listed(duplicated) + "; give each shard's folder once");
        if (!missing.isEmpty())
            throw new IllegalArgumentException("DIR: missing: " + listed(missing)
                    + "; add the folders of the missing shards (all " + n + " shards of the suite are needed)");
    }

    private static String listed(List<String> items) {
        String shown = String.join("; ", items.subList(0, Math.min(MAX_LISTED, items.size())));
        return items.size() > MAX_LISTED ? shown + "; and " + (items.size() - MAX_LISTED) + " more" : shown;
    }

    private static Path journal(Located at, boolean engine) {
        return SuiteOutput.journal(at.shard().dir(), at.pair().scenario().name(), at.pair().seed(), engine);
    }

    private static void checkJournal(Located at, boolean engine) {
        Path file = journal(at, engine);
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException(file + ": missing; " + at.shard().label() + " lists pair #" + at.pair().index()
                    + " (" + at.pair().label() + ") as run but has no " + (engine ? "engine" : "baseline") + " journal for it; run that shard again");
        Journal j = JournalIo.read(file);
        if (!j.scenario().equals(at.pair().scenario().name()) || j.seed() != at.pair().seed() || j.engine() != engine)
            throw new IllegalArgumentException(file + " line 1: header says scenario " + j.scenario() + " seed " + j.seed() + " engine " + j.engine()
                    + ", expected " + at.pair().label() + " engine " + engine + "; the folder was altered — run that shard again");
    }

    private static void copy(Path from, Path to) {
        try {
            AtomicFiles.write(to, Files.readAllBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + from + ": " + e.getMessage(), e);
        }
    }
}
