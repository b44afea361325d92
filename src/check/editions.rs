//! The local editions: a group of `[editions]` or a file of
//! `sources/editions/` whose edition would be empty, and editions shorter
//! than `min-blocks` of `[local-editions]`.

use crate::content::{Project, Territory};
use crate::diag::{Code, Diagnostic};

pub(super) fn lint(project: &Project, findings: &mut Vec<Diagnostic>) {
    let brochure = &project.brochure;
    let manifest_file = &project.manifest_file;
    for (name, group) in &brochure.manifest.editions {
        let territory = Territory::of_group(name, group);
        if territory.blocks_in(brochure) == 0 {
            findings.push(
                Diagnostic::new(
                    Code::EditionHoldsNothing,
                    format!(
                        "the edition `{name}` would be empty: no initiative, callout or figure cites {}",
                        territory.names(&brochure.territories)
                    ),
                )
                .at(manifest_file.clone(), group.header.clone())
                .hint("check the codes of `departements`, or remove the group"),
            );
        }
    }
    for local in &project.local_files {
        let Ok(territory) = Territory::parse(&local.key, brochure) else {
            continue;
        };
        if territory.blocks_in(brochure) == 0 {
            findings.push(
                Diagnostic::new(
                    Code::EditionHoldsNothing,
                    format!(
                        "this file is for an edition that would be empty: no initiative, callout or figure cites {}",
                        territory.names(&brochure.territories)
                    ),
                )
                .at(local.file.clone(), 0..0)
                .hint("cite the département in the chapters, or remove the file"),
            );
        }
    }
    let min_blocks = brochure.manifest.local_editions.min_blocks;
    if min_blocks == 0 {
        return;
    }
    let key = manifest_file
        .text
        .find("min-blocks")
        .map_or(0..0, |start| start..start + "min-blocks".len());
    for territory in Territory::all(brochure) {
        let blocks = territory.blocks_in(brochure);
        if (1..min_blocks).contains(&blocks) {
            findings.push(
                Diagnostic::new(
                    Code::EditionShort,
                    format!(
                        "the edition `{}` ({}) would hold {blocks} block(s), fewer than `min-blocks = {min_blocks}`",
                        territory.key,
                        territory.names(&brochure.territories)
                    ),
                )
                .at(manifest_file.clone(), key.clone())
                .hint("gather it with its neighbours in a group of `[editions]`, or lower `min-blocks` in `[local-editions]`"),
            );
        }
    }
}
