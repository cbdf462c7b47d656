/**
 * Molecules in and out, on CDK: readers (SMILES, SDF/Mol V2000+V3000, XYZ) that report bad records by
 * index instead of dropping them, the point-cloud representation the flow engine sees, the way back from
 * atom types and coordinates to a molecule (bond perception), and validity and stability checks.
 * Plain data here: no DJL.
 */
package dev.flowmatch.engine.chem;
