package org.cipnet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cipnet.bench.SyntheticGraphs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet generate}: synthetic national graphs for benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate synthetic national graphs (deterministic for a seed) in their own URI spaces under",
            "https://w3id.org/cipnet/synthetic/, shaped like the real data and valid against shapes/. Never into data/."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--members", defaultValue = "3", description = "Number of member graphs. Default: ${DEFAULT-VALUE}.")
    int members;

    @Option(names = "--scale", defaultValue = "100", description = "Cluster organisations per member (about 60 triples each). Default: ${DEFAULT-VALUE}.")
    int scale;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed: the same seed gives the same files. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--cross-ratio", defaultValue = "0.1", description = "Share of cluster organisations with a collaboration in another member. Default: ${DEFAULT-VALUE}.")
    double crossRatio;

    @Option(names = "--out", defaultValue = "target/synthetic", description = "Output directory (one folder per member). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (out.toAbsolutePath().normalize().startsWith(org.cipnet.rdf.ProjectFiles.locate().data())) {
            spec.commandLine().getErr().println("cipnet generate: synthetic data never goes into data/; choose another --out");
            return 2;
        }
        var files = SyntheticGraphs.write(new SyntheticGraphs.Params(members, scale, seed, crossRatio), out);
        files.forEach(f -> spec.commandLine().getOut().println("wrote " + f));
        return 0;
    }
}
