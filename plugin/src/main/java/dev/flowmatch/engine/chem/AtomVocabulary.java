package dev.flowmatch.engine.chem;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.openscience.cdk.interfaces.IAtomContainer;

/** The atom types a model knows, each with a fixed index; built from the training data, sorted. */
public final class AtomVocabulary {

    private final List<AtomSpec> m_specs;

    private final Map<AtomSpec, Integer> m_index = new HashMap<>();

    public AtomVocabulary(final Collection<AtomSpec> specs) {
        m_specs = List.copyOf(new TreeSet<>(specs));
        for (int i = 0; i < m_specs.size(); i++) {
            m_index.put(m_specs.get(i), i);
        }
    }

    /** @return the vocabulary of all atoms in the molecules (hydrogens only if asked for) */
    public static AtomVocabulary fromMolecules(final Collection<IAtomContainer> molecules,
        final boolean includeHydrogens) {
        var specs = new TreeSet<AtomSpec>();
        for (var m : molecules) {
            for (var a : m.atoms()) {
                if (includeHydrogens || a.getAtomicNumber() != 1) {
                    specs.add(AtomSpec.of(a));
                }
            }
        }
        return new AtomVocabulary(specs);
    }

    /**
     * Parses tokens as written by {@link #tokens()}: each type once, in the vocabulary's own order. A network's type
     * channels follow that order, so a reordered or repeated list (an edited model file) would swap atom types
     * silently; it is refused instead.
     */
    public static AtomVocabulary parse(final List<String> tokens) {
        var v = new AtomVocabulary(tokens.stream().map(AtomSpec::parse).toList());
        if (!v.tokens().equals(tokens)) {
            throw new IllegalArgumentException("the atom types must be listed once each, in the order " + v.tokens()
                + "; got " + tokens);
        }
        return v;
    }

    public int size() {
        return m_specs.size();
    }

    /** @return the index of the type, or -1 if unknown */
    public int indexOf(final AtomSpec spec) {
        return m_index.getOrDefault(spec, -1);
    }

    public AtomSpec get(final int index) {
        return m_specs.get(index);
    }

    public List<String> tokens() {
        return m_specs.stream().map(AtomSpec::toString).toList();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof AtomVocabulary v && v.m_specs.equals(m_specs);
    }

    @Override
    public int hashCode() {
        return m_specs.hashCode();
    }

    @Override
    public String toString() {
        return tokens().toString();
    }
}
