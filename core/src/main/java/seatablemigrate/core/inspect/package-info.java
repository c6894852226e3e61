/**
 * Inspect: what an installation is, read without changing anything. {@link Inspector}
 * asks a live host (files, Compose's resolved configuration, containers, {@code /server-info/}, the database);
 * {@link OfflineInspector} reads a copy of a compose directory. Both read the project
 * through {@link ComposeProjectFiles} and {@link ComposeServices},
 * and {@link StateDecision} settles the edition and version from sources that may disagree.
 */
package seatablemigrate.core.inspect;
