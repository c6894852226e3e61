/**
 * The recording backend of a dry-run: wraps a live backend, lets every query through and records every change
 * (and the runner's verifications) instead of performing it. The audit script is rendered from the recording.
 */
package seatablemigrate.backend.dryrun;
