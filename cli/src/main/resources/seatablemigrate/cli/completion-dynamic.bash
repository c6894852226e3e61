
# --- seatable-migrate: candidates that depend on this machine (bash and zsh, through bashcompinit above) ---
# After --backup: the backup IDs in the folder --backup-dir names on the command line (default /opt/seatable-backup),
# the folders with a manifest.json. After --host: the Host aliases of the ssh_config --ssh-config names (default
# ~/.ssh/config), patterns left out. Everything else: picocli's completion above.
function _seatable_migrate_option_value() {
  local name=$1 i
  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
    if [[ "${COMP_WORDS[i]}" == "$name" ]]; then
      printf '%s' "${COMP_WORDS[i + 1]}"
      return
    elif [[ "${COMP_WORDS[i]}" == "$name="* ]]; then
      printf '%s' "${COMP_WORDS[i]#*=}"
      return
    fi
  done
}

# _seatable_migrate_offer WORD CANDIDATE...: COMPREPLY is the candidates that start with WORD, each exactly as it is.
# Folder names and aliases are anyone's text: nothing expands them (compgen -W would run a $(...) in a folder name,
# and an unquoted $(...) would split and glob them), and bash quotes the one it inserts (-o filenames), so it reaches
# the command line as one literal word.
function _seatable_migrate_offer() {
  local cur=$1 c
  shift
  COMPREPLY=()
  type compopt &>/dev/null && compopt -o filenames
  for c in "$@"; do
    [[ $c == "$cur"* ]] && COMPREPLY+=("$c")
  done
  return 0
}

function _seatable_migrate_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} root config d alias
  local -a candidates
  case "$prev" in
    --backup)
      root=$(_seatable_migrate_option_value --backup-dir)
      root=${root:-/opt/seatable-backup}
      candidates=()
      for d in "$root"/*/; do
        d=${d%/}
        [[ -f "$d/manifest.json" ]] && candidates+=("${d##*/}")
      done
      _seatable_migrate_offer "$cur" "${candidates[@]}"
      return 0
      ;;
    --host)
      config=$(_seatable_migrate_option_value --ssh-config)
      config=${config:-$HOME/.ssh/config}
      candidates=(local)
      if [[ -r "$config" ]]; then
        while IFS= read -r alias; do
          candidates+=("$alias")
        done < <(awk 'tolower($1) == "host" { for (i = 2; i <= NF; i++) if ($i !~ /[*?!]/) print $i }' "$config")
      fi
      _seatable_migrate_offer "$cur" "${candidates[@]}"
      return 0
      ;;
  esac
  _complete_seatable-migrate "$@"
}

complete -F _seatable_migrate_complete -o default seatable-migrate seatable-migrate.sh seatable-migrate.bash
