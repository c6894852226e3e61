/**
 * Inspect: what an installation is, read without changing anything. {@link seatablemigrate.core.inspect.Inspector}
 * asks a live host (files, Compose's resolved configuration, containers, {@code /server-info/}, the database);
 * {@link seatablemigrate.core.inspect.OfflineInspector} reads a copy of a compose directory. Both read the project
 * through {@link seatablemigrate.core.inspect.ComposeProjectFiles} and {@link seatablemigrate.core.inspect.ComposeServices},
 * and {@link seatablemigrate.core.inspect.StateDecision} settles the edition and version from sources that may disagree.
 */
package seatablemigrate.core.inspect;
