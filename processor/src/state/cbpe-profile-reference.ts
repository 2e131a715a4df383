/**
 * The multiclass CBPE reference of a training profile: each class calibrated one-vs-rest on the
 * profile's labeled probabilities (ten isotonic fits per class to decide), built once per loaded
 * profile and shared by ingest (which calibrates each prediction into its window's sums) and
 * evaluation (which reads the band from the reference's chunks).
 */
import type { ProfileLabeledClasses } from '../profile/reference-profile.js';
import { multiclassCbpeReference, type CbpeReference } from '../stats/cbpe.js';

/** Weak, so an unloaded profile's reference goes with it. */
const BUILT = new WeakMap<ProfileLabeledClasses, CbpeReference>();

/** The reference of `labeled`, built on first use. */
export function multiclassReferenceOf(labeled: ProfileLabeledClasses): CbpeReference {
  let ref = BUILT.get(labeled);
  if (ref === undefined) {
    ref = multiclassCbpeReference(labeled.classes, labeled.probabilities, labeled.labels);
    BUILT.set(labeled, ref);
  }
  return ref;
}
