/**
 * Backup: the run folders the tool leaves beside an installation, their {@code manifest.json}, listing and verifying
 * them, copying one to the operator's machine, and pruning old ones.
 */
package seatablemigrate.core.backup;
