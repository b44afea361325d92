//! The table of diagnostic codes: for each kind of problem `bilan`
//! reports, its code as printed, its severity, the stage that reports it,
//! what it finds, how to fix it and an example. Every diagnostic takes its
//! code, and its severity, from here; `bilan check --codes`, `bilan
//! preflight --codes` and the reference page `docs/src/reference/codes.md`
//! are printed from it.
//!
//! A printed code may stand for several entries when one name covers
//! problems found at different stages: `edition-empty` is an error of the
//! sources (a group of `[editions]` with no département), a warning of
//! `bilan check` (an edition that would hold nothing) and an error of the
//! typesetting (`--departement` asking for that edition); `layout` is an
//! error or a warning, as Typst raised it. Each entry has one severity.

use super::Severity;

pub use reference::{REFERENCE_PAGE, listing, reference_markdown};
pub use table::Code;

mod reference;

/// The stage of `bilan` that reports a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Loading and validating the sources, as every command that reads
    /// them does (`check`, `build`, `preflight`…): errors, exit code 1.
    Validation,
    /// The lints of `bilan check`, which proofread the content.
    Lint,
    /// Typesetting and exporting an edition (`build`, `preflight`,
    /// `watch`, `serve`, `export`, `diff`).
    Typesetting,
    /// The layout preflight of `bilan preflight`, on the typeset pages.
    Preflight,
    /// When `bilan` cannot run at all: a folder missing, a file it cannot
    /// read or write (exit code 2).
    Running,
}

impl Stage {
    /// Every stage, in the order `bilan` goes through them.
    pub const ALL: [Stage; 5] = [
        Stage::Validation,
        Stage::Lint,
        Stage::Typesetting,
        Stage::Preflight,
        Stage::Running,
    ];

    /// Its name in JSON: `validation`, `lint`, `typesetting`, `preflight`,
    /// `running`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Validation => "validation",
            Stage::Lint => "lint",
            Stage::Typesetting => "typesetting",
            Stage::Preflight => "preflight",
            Stage::Running => "running",
        }
    }

    /// Its title on the reference page.
    pub fn title(self) -> &'static str {
        match self {
            Stage::Validation => "Content validation",
            Stage::Lint => "Lints of `bilan check`",
            Stage::Typesetting => "Typesetting and exporting",
            Stage::Preflight => "Layout preflight",
            Stage::Running => "When `bilan` cannot run",
        }
    }

    /// What the stage is and when its codes are printed, for the
    /// reference page.
    pub fn description(self) -> &'static str {
        match self {
            Stage::Validation => {
                "Found while loading the sources, by every command that reads them (`bilan check`, `bilan build`, `bilan preflight`…). Each stops the build (exit code 1), names its file, line and column, and gives its fix as a hint; an unknown key or value gets a « did you mean » from those allowed there."
            }
            Stage::Lint => {
                "What `bilan check` finds when it proofreads the content. Warnings do not stop the build (exit code 0, or 1 with `--deny-warnings`); infos are what the layout fixes by itself, shown with `--verbose`."
            }
            Stage::Typesetting => {
                "Raised while typesetting and exporting an edition (`bilan build`, `bilan preflight`, `watch`, `serve`, `export`, `diff`). `bilan preflight` prints the warnings with its own findings."
            }
            Stage::Preflight => {
                "What `bilan preflight` flags on the typeset pages, page by page and column by column, as a print designer would. All are warnings (exit code 1 with `--deny-warnings`)."
            }
            Stage::Running => {
                "When `bilan` cannot run at all (exit code 2): a folder is missing, a file cannot be read or written, a port is taken."
            }
        }
    }
}

/// One row of the table: what `bilan` says of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code as printed, e.g. `markup-unclosed`.
    pub name: &'static str,
    /// How serious the problem is.
    pub severity: Severity,
    /// The stage that reports it.
    pub stage: Stage,
    /// What it finds, in one line.
    pub summary: &'static str,
    /// How to fix it, in one line.
    pub fix: &'static str,
    /// What triggers it, or what it prints.
    pub example: Example,
}

/// An example of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// What, written in the sources (or typed on the command line),
    /// triggers it: a line of TOML, a text.
    Source(&'static str),
    /// A message it prints (after `error[code]: `).
    Message(&'static str),
}

impl Entry {
    /// Its example as shown: the source as written, or the message as
    /// printed, `warning[edition-short]: the edition …`.
    pub fn example(&self) -> String {
        match self.example {
            Example::Source(source) => source.to_owned(),
            Example::Message(message) => {
                format!("{}[{}]: {message}", self.severity.name(), self.name)
            }
        }
    }
}

/// Declares [`Code`], one variant per entry of the table, documented by
/// its summary, with `Code::ALL` and `Code::entry`.
macro_rules! code_table {
    ($(
        $variant:ident = $name:literal, $severity:ident, $stage:ident,
            $summary:literal,
            fix: $fix:literal,
            example: $example_kind:ident($example:literal);
    )*) => {
        /// A kind of problem `bilan` reports: the code of a diagnostic, with
        /// its severity and stage (see [`Code::entry`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in the order of the table (by stage).
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// Its row of the table.
            pub const fn entry(self) -> &'static $crate::diag::codes::Entry {
                match self {
                    $(Code::$variant => &$crate::diag::codes::Entry {
                        name: $name,
                        severity: $crate::diag::Severity::$severity,
                        stage: $crate::diag::codes::Stage::$stage,
                        summary: $summary,
                        fix: $fix,
                        example: $crate::diag::codes::Example::$example_kind($example),
                    },)*
                }
            }
        }
    };
}

// After the macro: `table` invokes it.
mod table;

impl Code {
    /// The code as printed, e.g. `markup-unclosed`.
    pub const fn name(self) -> &'static str {
        self.entry().name
    }

    /// The severity every diagnostic of this code has.
    pub const fn severity(self) -> Severity {
        self.entry().severity
    }

    /// The stage that reports it.
    pub const fn stage(self) -> Stage {
        self.entry().stage
    }

    /// The codes reported at `stages`, in the order of the table.
    pub fn at(stages: &[Stage]) -> impl Iterator<Item = Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(move |code| stages.contains(&code.stage()))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::{Code, Example, Stage};

    /// A printed name is lower-case words joined by `-`; two entries that
    /// share it differ in stage or severity.
    #[test]
    fn names_are_kebab_case_and_twins_differ() {
        for (i, code) in Code::ALL.iter().enumerate() {
            let name = code.name();
            assert!(
                !name.is_empty()
                    && name
                        .split('-')
                        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{name}"
            );
            let twin = Code::ALL[..i].iter().find(|other| {
                other.name() == name
                    && other.stage() == code.stage()
                    && other.severity() == code.severity()
            });
            assert!(twin.is_none(), "`{name}` twice");
        }
    }

    /// Summary, fix and example are one line each, none empty.
    #[test]
    fn every_entry_is_filled_in_on_one_line() {
        for code in Code::ALL {
            let entry = code.entry();
            let (Example::Source(example) | Example::Message(example)) = entry.example;
            for text in [entry.summary, entry.fix, example] {
                assert!(!text.trim().is_empty() && !text.contains('\n'), "{code}");
            }
        }
    }

    #[test]
    fn the_table_is_ordered_by_stage() {
        let stages: Vec<Stage> = Code::ALL.iter().map(|c| c.stage()).collect();
        assert!(stages.is_sorted(), "{stages:?}");
        assert!(Stage::ALL.iter().all(|s| stages.contains(s)));
    }
}
