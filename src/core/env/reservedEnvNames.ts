/**
 * Environment variables that programs on a member's machine read for their
 * own behaviour. A connection's variables (PREFIX, PREFIX_<FIELD>) are made
 * from names a workspace admin types, and they land in other members'
 * `.env` files and terminals: one named PROMPT_COMMAND, BASH_ENV,
 * LD_PRELOAD, NODE_OPTIONS or GIT_SSH_COMMAND runs the admin's command on
 * that member's machine, one named PATH or HTTPS_PROXY redirects it. So no
 * connection may make one of these, neither in the catalog (migration 5
 * holds a copy of this list; a unit test compares the two) nor on the way
 * out (the terminal, .env, Copy Environment Variables).
 *
 * Entries are exact names or prefixes (every name that starts with it).
 * Names are compared in upper case: the product only makes upper-case
 * names, and Windows reads names without regard to case. Where a reader
 * documents a whole family (libpq's PG*, git's GIT_*), the family is
 * reserved, so a variable a later version adds is covered too.
 */

export interface ReservedEnvName {
  /** The name, or what names start with when `prefix`. */
  readonly name: string;
  readonly prefix: boolean;
  /** Who reads it, in a few words (English; proper nouns mostly). */
  readonly readBy: string;
}

interface Family {
  readonly readBy: string;
  /** Where the reader documents what it reads. */
  readonly source: string;
  readonly names?: readonly string[];
  readonly prefixes?: readonly string[];
}

const FAMILIES: readonly Family[] = [
  {
    readBy: 'the operating system and most programs',
    source: 'POSIX XBD chapter 8 "Environment Variables"; environ(7); Windows "Recognized environment variables"',
    names: [
      'PATH', 'HOME', 'SHELL', 'USER', 'USERNAME', 'LOGNAME', 'TMPDIR', 'TMP', 'TEMP', 'TERM', 'TERMINFO', 'TERMINFO_DIRS', 'TERMCAP', 'TZ', 'TZDIR',
      'LANG', 'LANGUAGE', 'NLSPATH', 'EDITOR', 'VISUAL', 'PAGER', 'BROWSER', 'DISPLAY', 'COLUMNS', 'LINES', 'MAIL', 'MAILPATH', 'MAILCHECK',
      'DATEMSK', 'MSGVERB', 'PWD', 'OLDPWD', 'SHLVL', 'POSIXLY_CORRECT', 'DEBUG',
      'COMSPEC', 'PATHEXT', 'SYSTEMROOT', 'SYSTEMDRIVE', 'WINDIR', 'APPDATA', 'LOCALAPPDATA', 'USERPROFILE', 'PROGRAMDATA', 'PROGRAMFILES', 'PSMODULEPATH',
    ],
    prefixes: ['LC_', 'XDG_', 'SUDO_', 'DBUS_'],
  },
  {
    readBy: 'shells (bash, sh, zsh)',
    source: 'Bash Reference Manual 5.2, "Shell Variables"; POSIX sh "Shell Variables"; zshparam(1) "Parameters Used By The Shell"',
    names: [
      'ENV', 'IFS', 'CDPATH', 'PS0', 'PS1', 'PS2', 'PS3', 'PS4', 'PROMPT', 'PROMPT2', 'PROMPT3', 'PROMPT4', 'RPROMPT', 'RPROMPT2', 'RPS1', 'RPS2',
      'SHELLOPTS', 'GLOBIGNORE', 'GLOBSORT', 'EXECIGNORE', 'FIGNORE', 'FCEDIT', 'HOSTFILE', 'INPUTRC', 'TIMEFORMAT', 'TMOUT', 'FUNCNEST',
      'CHILD_MAX', 'EMACS', 'INSIDE_EMACS', 'OPTIND', 'OPTARG', 'FPATH', 'MODULE_PATH', 'NULLCMD', 'READNULLCMD', 'POSTEDIT', 'KEYTIMEOUT',
      'STTY', 'TMPPREFIX', 'WORDCHARS', 'ZDOTDIR', 'MANPATH', 'MANPAGER', 'MANOPT',
      'HISTFILE', 'HISTFILESIZE', 'HISTSIZE', 'HISTCONTROL', 'HISTIGNORE', 'HISTTIMEFORMAT', 'HISTCMD', 'HISTCHARS', 'HISTORY_IGNORE',
    ],
    // less reads LESSOPEN, a command it runs on every file it shows, and many more LESS* names.
    prefixes: ['BASH', 'PROMPT_', 'COMP_', 'ZSH', 'ZLE_', 'LESS'],
  },
  {
    readBy: 'the dynamic loader and the C library',
    source: 'ld.so(8) "Environment"; dyld(1); glibc manual "Tunables" and "Locale" (GCONV_PATH, LOCPATH); resolv.conf(5)',
    names: ['GCONV_PATH', 'GETCONF_DIR', 'GLIBC_TUNABLES', 'HOSTALIASES', 'LOCALDOMAIN', 'LOCPATH', 'NIS_PATH', 'RES_OPTIONS', 'RESOLV_HOST_CONF'],
    prefixes: ['LD_', 'DYLD_', 'MALLOC_'],
  },
  {
    readBy: 'Node.js and its package managers',
    source: 'Node.js CLI "Environment variables"; npm "config" (npm_config_*); Electron "Environment Variables"',
    names: ['SSLKEYLOGFILE'],
    prefixes: ['NODE_', 'NPM_CONFIG_', 'YARN_', 'COREPACK_', 'UV_', 'ELECTRON_', 'VSCODE_'],
  },
  {
    readBy: 'Python, pip, Jupyter and matplotlib',
    source: 'Python "Command line and environment", "Environment variables"; pip "Configuration"; Jupyter "Common directories"; matplotlib "Environment variables"',
    names: ['VIRTUAL_ENV', 'REQUESTS_CA_BUNDLE'],
    prefixes: ['PYTHON', 'PIP_', 'PIPX_', 'CONDA', 'PYENV', 'JUPYTER', 'IPYTHON', 'MPL'],
  },
  {
    readBy: 'R',
    source: 'R "?Startup" and "?EnvVar" (R_PROFILE_USER, R_ENVIRON_USER, R_LIBS...)',
    prefixes: ['R_', 'RSTUDIO'],
  },
  {
    readBy: 'Java and its build tools',
    source: 'JDK "The java Command" (JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS, CLASSPATH); Maven "MAVEN_OPTS"; Gradle "GRADLE_OPTS"',
    names: ['CLASSPATH'],
    prefixes: ['JAVA_', 'JDK_', 'JRE_', 'MAVEN_', 'GRADLE_'],
  },
  {
    readBy: 'Perl',
    source: 'perlrun(1) "ENVIRONMENT" (PERL5LIB, PERL5OPT, PERLLIB, PERL5DB...)',
    prefixes: ['PERL'],
  },
  {
    readBy: 'Ruby and its gems',
    source: 'ruby(1) "ENVIRONMENT" (RUBYOPT, RUBYLIB, RUBYSHELL); RubyGems and Bundler configuration',
    prefixes: ['RUBY', 'GEM_', 'BUNDLE'],
  },
  {
    readBy: 'git',
    source: 'git(1) "ENVIRONMENT VARIABLES" (GIT_SSH_COMMAND, GIT_EXEC_PATH, GIT_CONFIG_*...)',
    prefixes: ['GIT_'],
  },
  {
    readBy: 'ssh and GnuPG',
    source: 'ssh(1) "ENVIRONMENT" (SSH_ASKPASS, SSH_AUTH_SOCK...); gpg(1) "ENVIRONMENT"',
    names: ['GNUPGHOME'],
    prefixes: ['SSH_', 'GPG_'],
  },
  {
    readBy: 'libpq (psql, psycopg2, RPostgres)',
    source: 'PostgreSQL documentation 34.15 "Environment Variables"; psql "Environment"',
    prefixes: ['PG', 'PSQL'],
  },
  {
    readBy: 'HTTP clients and TLS libraries (proxies, trusted certificates)',
    source: 'curl(1) "ENVIRONMENT"; requests "Proxies" and "CA Certificates"; OpenSSL "openssl-env(7)"',
    names: ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'FTP_PROXY', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'WGETRC'],
    prefixes: ['CURL_', 'OPENSSL_'],
  },
  {
    readBy: 'cloud SDKs (boto3, the AWS and Google Cloud tools)',
    source: 'boto3 "Configuration" (AWS_*); Google "Application Default Credentials" (GOOGLE_APPLICATION_CREDENTIALS); gcloud "CLOUDSDK_*"',
    prefixes: ['AWS_', 'BOTO', 'GOOGLE_', 'GCLOUD_', 'CLOUDSDK_', 'AZURE_'],
  },
  {
    readBy: 'the OpenHEXA SDK itself',
    source: 'openhexa-sdk-python (commit ce44eb8): HEXA_SERVER_URL, HEXA_TOKEN, HEXA_VERIFY_SSL, WORKSPACE_DATABASE_*, WORKSPACE_FILES_PATH',
    prefixes: ['HEXA_', 'WORKSPACE_'],
  },
  {
    readBy: 'build tools and containers',
    source: 'GNU make "Implicit Variables"; pkg-config(1); Docker "Environment variables"; Kubernetes "kubeconfig"; Kerberos "kerberos(7)"',
    names: ['CC', 'CXX', 'CPP', 'CFLAGS', 'CXXFLAGS', 'CPPFLAGS', 'LDFLAGS', 'LIBS', 'MAKE', 'MAKEFLAGS', 'MFLAGS', 'KUBECONFIG'],
    prefixes: ['PKG_CONFIG', 'DOCKER_', 'KRB5', 'CARGO_', 'RUST'],
  },
];

/** Every reserved name and prefix, longest first so a lookup names the most precise reader. */
export const RESERVED_ENV_NAMES: readonly ReservedEnvName[] = FAMILIES.flatMap((f) => [
  ...(f.names ?? []).map((name) => ({ name, prefix: false, readBy: f.readBy })),
  ...(f.prefixes ?? []).map((name) => ({ name, prefix: true, readBy: f.readBy })),
]).sort((a, b) => b.name.length - a.name.length || a.name.localeCompare(b.name));

/** Who reads this variable, or undefined when no program on the list does. */
export function reservedEnvName(name: string): ReservedEnvName | undefined {
  const upper = name.toUpperCase();
  return RESERVED_ENV_NAMES.find((r) => (r.prefix ? upper.startsWith(r.name) : upper === r.name));
}
