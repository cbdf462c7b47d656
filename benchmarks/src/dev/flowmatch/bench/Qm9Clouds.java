package dev.flowmatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.openscience.cdk.interfaces.IAtomContainer;

import dev.flowmatch.engine.chem.AtomVocabulary;
import dev.flowmatch.engine.chem.BondPerception;
import dev.flowmatch.engine.chem.Featurizer;
import dev.flowmatch.engine.chem.MoleculeReaders;
import dev.flowmatch.engine.chem.PointCloud;
import dev.flowmatch.engine.chem.ReadResult;

/** QM9 molecules (explicit H, canonical order) as point clouds with their molecules and vocabulary. */
record Qm9Clouds(List<IAtomContainer> molecules, List<PointCloud> clouds, AtomVocabulary vocabulary) {

    static Path file() {
        return SharedData.require("qm9/qm9_3d.xyz.xz").resolve("qm9/qm9_3d.xyz.xz");
    }

    /**
     * @param keep which records to keep (by 0-based record index)
     * @param limit stop after this many kept records
     */
    static Qm9Clouds read(final Predicate<Long> keep, final int limit) throws Exception {
        List<ReadResult> records;
        var index = new java.util.concurrent.atomic.AtomicLong();
        try (var s = MoleculeReaders.open(file())) {
            records = s.filter(r -> keep.test(index.getAndIncrement())).limit(limit).toList();
        }
        var mols = new ArrayList<IAtomContainer>();
        for (var r : records) {
            if (r.isOk()) {
                mols.add(BondPerception.perceive(r.molecule()).molecule());
            }
        }
        var vocabulary = AtomVocabulary.fromMolecules(mols, true);
        var featurizer = new Featurizer(vocabulary, Featurizer.Options.defaults());
        var clouds = mols.stream().map(m -> featurizer.featurize(m, 0)).toList();
        return new Qm9Clouds(mols, clouds, vocabulary);
    }
}
