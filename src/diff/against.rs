//! The version a diff compares against: a folder holding an older copy of
//! the project, or a revision of the project's git repository, read through
//! git (its sources, layouts and fonts) into a temporary folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diag::{Code, Diagnostic, display_path};
use crate::error::Error;

/// The other version, in a folder.
pub struct Against {
    /// Its layouts and fonts.
    pub root: PathBuf,
    /// Its sources.
    pub sources: PathBuf,
    /// What it was called on the command line.
    pub name: String,
    /// The temporary folder a revision was read into, removed when dropped.
    _read: Option<tempfile::TempDir>,
}

impl Against {
    /// A file of this version as the user knows it: `bat-1:sources/…`
    /// rather than in the temporary folder it was read into; `None` for a
    /// file that is not this version's.
    pub fn named(&self, file: &str) -> Option<String> {
        let rest = file.strip_prefix(&display_path(&self.root))?;
        Some(format!("{}:{}", self.name, rest.trim_start_matches('/')))
    }

    /// The version `spec` names: a folder with a `sources/` folder (and its
    /// own `layouts/` and `fonts/`, else those of `root`), or a revision of
    /// the git repository holding `root`, whose `sources` (as
    /// `sources` is to the repository), `layouts/` and `fonts/` are read.
    ///
    /// # Errors
    /// A folder without `sources/`, a name that is neither a folder nor a
    /// revision, no git, no repository: each says which.
    pub fn open(spec: &str, root: &Path, sources: &Path) -> Result<Self, Error> {
        let folder = Path::new(spec);
        if folder.is_dir() {
            return Self::folder(spec, folder, root);
        }
        Self::revision(spec, root, sources)
    }

    fn folder(spec: &str, folder: &Path, root: &Path) -> Result<Self, Error> {
        let sources = folder.join("sources");
        if !sources.is_dir() {
            return Err(cannot(
                format!(
                    "the folder `{}` holds no `sources/` folder",
                    display_path(folder)
                ),
                "give the folder of an older copy of the project (the one that holds `sources/`), or a git revision",
            ));
        }
        let own = folder.join("layouts").is_dir() && folder.join("fonts").is_dir();
        Ok(Self {
            root: if own {
                folder.to_path_buf()
            } else {
                root.to_path_buf()
            },
            sources,
            name: spec.to_owned(),
            _read: None,
        })
    }

    fn revision(spec: &str, root: &Path, sources: &Path) -> Result<Self, Error> {
        let top = git(root, &["rev-parse", "--show-toplevel"]).map_err(|err| match err {
            Git::Missing => missing_git(),
            Git::Failed => cannot(
                format!(
                    "`{spec}` is not a folder, and `{}` is not in a git repository, where it could be a revision",
                    display_path(root)
                ),
                "give the folder of an older copy of the project, or run in the project's git repository",
            ),
        })?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
        let commit = git(
            root,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{spec}^{{commit}}"),
            ],
        )
        .map_err(|err| match err {
            Git::Missing => missing_git(),
            Git::Failed => cannot(
                format!("`{spec}` is neither a folder nor a revision of the repository"),
                "`git tag` and `git log --oneline` list the revisions; a folder must exist",
            ),
        })?;
        let commit = String::from_utf8_lossy(&commit).trim().to_owned();
        let inside = |path: &Path| -> Result<String, Error> {
            let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            let top = std::fs::canonicalize(&top).unwrap_or_else(|_| top.clone());
            absolute
                .strip_prefix(&top)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .map_err(|_| {
                    cannot(
                        format!("`{}` is not inside the repository", display_path(path)),
                        "compare against a folder instead",
                    )
                })
        };
        let (root_in, sources_in) = (inside(root)?, inside(sources)?);
        let under = |dir: &str, name: &str| {
            if dir.is_empty() {
                name.to_owned()
            } else {
                format!("{dir}/{name}")
            }
        };
        let wanted = [
            sources_in.clone(),
            under(&root_in, "layouts"),
            under(&root_in, "fonts"),
        ];
        let mut args = vec!["ls-tree", "-r", "-z", "--name-only", commit.as_str(), "--"];
        args.extend(wanted.iter().map(String::as_str));
        let listed = git(&top, &args).map_err(|_| {
            cannot(
                format!("cannot list the files of `{spec}`"),
                "check the revision with `git show --stat`",
            )
        })?;
        let files: Vec<String> = listed
            .split(|&b| b == 0)
            .filter(|name| !name.is_empty())
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect();
        if !files
            .iter()
            .any(|f| f.starts_with(&format!("{sources_in}/")))
        {
            return Err(cannot(
                format!("the revision `{spec}` has no `{sources_in}/`"),
                "compare against a revision made since the sources were added",
            ));
        }
        let read = tempfile::tempdir().map_err(|err| {
            cannot(
                format!("cannot make a temporary folder: {err}"),
                "check the disk",
            )
        })?;
        write_blobs(&top, &commit, &files, read.path())?;
        Ok(Self {
            root: read.path().join(&root_in),
            sources: read.path().join(&sources_in),
            name: spec.to_owned(),
            _read: Some(read),
        })
    }
}

/// Writes the files of `commit` into `dir`, read with one `git cat-file
/// --batch`.
fn write_blobs(top: &Path, commit: &str, files: &[String], dir: &Path) -> Result<(), Error> {
    let failed = |what: String| cannot(what, "check the repository with `git fsck`");
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| missing_git())?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| failed("no pipe to git".into()))?;
    let requests: String = files.iter().map(|f| format!("{commit}:{f}\n")).collect();
    // Written from another thread: git answers while it reads.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(requests.as_bytes());
    });
    let mut stdout = BufReader::new(
        child
            .stdout
            .take()
            .ok_or_else(|| failed("no pipe from git".into()))?,
    );
    for file in files {
        let mut header = String::new();
        stdout
            .read_line(&mut header)
            .map_err(|err| failed(format!("cannot read `{file}` from git: {err}")))?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| failed(format!("git did not give `{file}`: {}", header.trim())))?;
        let mut bytes = vec![0; size + 1];
        stdout
            .read_exact(&mut bytes)
            .map_err(|err| failed(format!("cannot read `{file}` from git: {err}")))?;
        bytes.pop();
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|err| failed(format!("cannot write `{file}`: {err}")))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|err| failed(format!("cannot write `{file}`: {err}")))?;
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}

/// How a git command went wrong.
enum Git {
    /// No `git` to run.
    Missing,
    /// It ran and failed.
    Failed,
}

/// Runs git in `dir`; its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Git> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => Git::Missing,
            _ => Git::Failed,
        })?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(Git::Failed)
    }
}

fn missing_git() -> Error {
    cannot(
        "git is not installed: a revision cannot be read".to_owned(),
        "install git, or compare against a folder holding an older copy of the project",
    )
}

fn cannot(message: String, hint: &str) -> Error {
    Error::CannotRun(Diagnostic::new(Code::DiffAgainst, message).hint(hint))
}
