//! The build pipeline shared by `build`, `watch` and `serve`: load the
//! sources, set up the Typst world for one edition, typeset (with the
//! pictures' preflight and downsampling), export. A pipeline can reload what
//! changed and typeset again in the same process, which Typst's memoization
//! makes fast. The decisions of the last fitting can be kept on disk for
//! the next process ([`KeptFitting`]).

mod kept;
mod proof;

pub use kept::KeptFitting;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use typst::text::Font;
use typst_layout::PagedDocument;

use crate::content::model::{ColorModel, Profile, ProfileName};
use crate::content::{self, LeafletRules, Project, Territory};
use crate::diag::{Code, Diagnostic, display_path};
use crate::error::Error;
use crate::fonts::{self, Coverage};
use crate::pagination::{self, FitReport, InkCache, Layouts, ShowFirst};
use crate::render::{self, PdfSettings, Placement};
use crate::world::{BilanWorld, Edition, PageFit};

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// The project folder, holding `layouts/` and `fonts/`.
    pub root: PathBuf,
    /// The content folder.
    pub sources: PathBuf,
    /// The edition.
    pub profile: ProfileName,
    /// Crop marks (print only).
    pub marks: bool,
    /// The local edition to build (`--departement`: a code, codes
    /// separated by commas, or a group of `[editions]`); `None` for the
    /// whole brochure.
    pub departement: Option<String>,
}

/// A typeset brochure with every warning found on the way.
pub struct Built {
    /// The pages.
    pub document: PagedDocument,
    /// Warnings: layouts, pictures, page count.
    pub warnings: Vec<Diagnostic>,
    /// What the fitting of the pages did.
    pub fit: FitReport,
    /// The decisions that give these pages.
    pub plan: PageFit,
    /// Whether they are the decisions kept from an earlier fitting of the
    /// same inputs (checked on these pages), rather than fitted again.
    pub kept: bool,
}

/// The sources, the world and the settings of one edition.
#[derive(Clone)]
pub struct Pipeline {
    options: Options,
    coverage: Coverage,
    project: Project,
    world: BilanWorld,
    /// The territory of a local edition; `None` for the whole brochure.
    territory: Option<Territory>,
    /// What the fitting read of the pages laid out, for the pages the next
    /// layouts (and rebuilds) leave as they were.
    inks: InkCache,
    /// The plans the last fitting asked for, its final one first: laid out
    /// ahead of the next fitting's requests (see [`Pipeline::typeset_unless`]).
    ahead: Vec<PageFit>,
    /// Where the decisions of each fitting are kept on disk, those kept
    /// reused when the inputs are the same (see [`KeptFitting`]): the
    /// project folder, and a prefix of the edition's file name.
    keeps: Option<(PathBuf, String)>,
    /// The hash of the fonts' bytes, part of the kept decisions' key.
    fonts_hash: u128,
    /// The folder of more fonts `[brand] fonts` names, if any.
    brand_fonts: Option<PathBuf>,
}

/// Loads the sources as `bilan build` does, validated against the fonts of
/// `root/fonts` and of the folder `[brand] fonts` names: what `bilan check`
/// reads too, so that both agree.
///
/// # Errors
/// Invalid sources, or folders that cannot be read.
pub fn load_project(root: &Path, sources: &Path) -> Result<(Project, Vec<Font>), Error> {
    content::sources_exist(sources)?;
    let fonts = project_fonts(root, sources)?;
    let project = content::load(sources, &Coverage::new(&fonts))?;
    Ok((project, fonts))
}

/// The fonts of a brochure: those of `root/fonts`, then those of the folder
/// inside `sources` that `[brand] fonts` names, if any.
fn project_fonts(root: &Path, sources: &Path) -> Result<Vec<Font>, Error> {
    let mut fonts = fonts::load(&root.join("fonts")).map_err(Error::CannotRun)?;
    if let Some(dir) = content::brand::fonts_dir(sources) {
        fonts.extend(fonts::faces_under(&dir).map_err(Error::CannotRun)?);
    }
    Ok(fonts)
}

impl Pipeline {
    /// Loads the sources and sets up the world.
    ///
    /// # Errors
    /// Invalid sources, or folders that cannot be read.
    pub fn load(options: Options) -> Result<Self, Error> {
        let (project, fonts) = load_project(&options.root, &options.sources)?;
        let coverage = Coverage::new(&fonts);
        let fonts_hash = kept::fonts_hash(&fonts);
        let edition = edition(
            &options,
            project.brochure.manifest.profiles.get(options.profile),
        );
        let world =
            BilanWorld::new(&options.root, &project, &edition, fonts).map_err(Error::CannotRun)?;
        let departement = options.departement.clone();
        let brand_fonts = content::brand::fonts_dir(&options.sources);
        let pipeline = Self {
            options,
            coverage,
            project,
            world,
            territory: None,
            inks: InkCache::default(),
            ahead: Vec::new(),
            keeps: None,
            fonts_hash,
            brand_fonts,
        };
        match departement {
            Some(spec) => {
                let territory = Territory::parse(&spec, &pipeline.project.brochure)
                    .map_err(|diagnostic| Error::Invalid(vec![diagnostic]))?;
                pipeline.local(&territory)
            }
            None => Ok(pipeline),
        }
    }

    /// The pipeline of the local edition of `territory`: the same fonts,
    /// layouts and pictures, the brochure filtered to what cites its
    /// départements (see [`Project::local`]).
    ///
    /// # Errors
    /// An edition that would hold no initiative, callout or figure.
    pub fn local(&self, territory: &Territory) -> Result<Pipeline, Error> {
        if territory.blocks_in(&self.project.brochure) == 0 {
            return Err(Error::Invalid(vec![
                Diagnostic::new(
                    Code::EditionEmpty,
                    format!(
                        "the edition `{}` would be empty: no initiative, callout or figure cites {}",
                        territory.key,
                        territory.names(&self.project.brochure.territories)
                    ),
                )
                .hint("`bilan check` lists the editions and what each holds; cite the département as « Name (code) » or with `departements = [\"NN\"]`"),
            ]));
        }
        let mut local = self.clone();
        local.project = self.project.local(territory);
        local
            .world
            .set_content(&local.project.brochure)
            .map_err(Error::CannotRun)?;
        local.territory = Some(territory.clone());
        local.ahead = Vec::new();
        Ok(local)
    }

    /// Keeps the decisions of each fitting in `build/.fitting/` of the
    /// project, one file per edition, and lays out once with those kept when
    /// the inputs are the same as the last fitting's (see [`KeptFitting`]).
    pub fn keep_fittings(&mut self) {
        self.keeps = Some((self.options.root.clone(), String::new()));
    }

    /// Keeps the decisions of each fitting as [`Pipeline::keep_fittings`]
    /// does, but in `build/.fitting/` of the project at `root`, under
    /// `other-…`: for the other version `bilan diff` compares, whose folder
    /// is not the project's.
    pub fn keep_fittings_of_other_version(&mut self, root: &Path) {
        self.keeps = Some((root.to_path_buf(), "other-".to_owned()));
    }

    /// Where this edition's decisions are kept, when they are.
    fn kept(&self) -> Option<KeptFitting> {
        self.keeps.as_ref().map(|(root, prefix)| {
            let mut slot = prefix.clone();
            if let Some(territory) = &self.territory {
                slot.push_str(&territory.key);
                slot.push('-');
            }
            slot.push_str(self.options.profile.as_str());
            if self.options.marks {
                slot.push_str("-marks");
            }
            KeptFitting::new(root, &slot)
        })
    }

    /// The territory of the local edition being built, if it is one.
    pub fn territory(&self) -> Option<&Territory> {
        self.territory.as_ref()
    }

    /// The sources as loaded.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Reads the sources again and hands the new content to the world.
    ///
    /// # Errors
    /// Invalid sources; the pipeline keeps the previous content then.
    pub fn reload_sources(&mut self) -> Result<(), Error> {
        self.refresh_brand_fonts()?;
        let mut project = content::load(&self.options.sources, &self.coverage)?;
        if let Some(territory) = &self.territory {
            // A group may have changed in bilan.toml.
            let territory = Territory::parse(&territory.key, &project.brochure)
                .unwrap_or_else(|_| territory.clone());
            project = project.local(&territory);
            self.territory = Some(territory);
        }
        self.world
            .set_content(&project.brochure)
            .map_err(Error::CannotRun)?;
        self.world
            .set_pictures(&project)
            .map_err(Error::CannotRun)?;
        self.project = project;
        Ok(())
    }

    /// Reads the layouts again (only changed files are re-parsed).
    ///
    /// # Errors
    /// A layout folder that cannot be read.
    pub fn reload_layouts(&mut self) -> Result<(), Error> {
        self.world
            .reload_layouts(&self.options.root.join("layouts"))
            .map_err(Error::CannotRun)
    }

    /// Reads the fonts again, and the sources, whose characters the new
    /// fonts may no longer print.
    ///
    /// # Errors
    /// A font folder that cannot be read or holds no font, or sources the
    /// new fonts cannot print.
    pub fn reload_fonts(&mut self) -> Result<(), Error> {
        let fonts = project_fonts(&self.options.root, &self.options.sources)?;
        self.set_fonts(fonts);
        self.reload_sources()
    }

    /// Reads the fonts again when `[brand] fonts` names a folder of the
    /// sources, or named one: an edit there changes the fonts. They are
    /// given to the world only when their bytes changed, since new fonts
    /// make Typst lay out everything again.
    fn refresh_brand_fonts(&mut self) -> Result<(), Error> {
        let dir = content::brand::fonts_dir(&self.options.sources);
        if dir.is_none() && self.brand_fonts.is_none() {
            return Ok(());
        }
        let fonts = project_fonts(&self.options.root, &self.options.sources)?;
        if kept::fonts_hash(&fonts) != self.fonts_hash {
            self.set_fonts(fonts);
        }
        self.brand_fonts = dir;
        Ok(())
    }

    /// Gives the world these fonts.
    fn set_fonts(&mut self, fonts: Vec<Font>) {
        self.coverage = Coverage::new(&fonts);
        self.fonts_hash = kept::fonts_hash(&fonts);
        self.world.set_fonts(fonts);
    }

    /// The settings of the edition being built.
    pub fn profile(&self) -> &Profile {
        self.project
            .brochure
            .manifest
            .profiles
            .get(self.options.profile)
    }

    /// The Typst world of the edition.
    pub fn world(&self) -> &BilanWorld {
        &self.world
    }

    /// The options the pipeline was made with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Typesets the brochure: preflights pictures (print), downsamples them
    /// and typesets again (screen), then fits the pagination.
    ///
    /// # Errors
    /// Errors in the layouts, or a picture that cannot be downsampled.
    pub fn typeset(&mut self) -> Result<Built, Error> {
        self.typeset_unless(&|| false, None)
    }

    /// Typesets as [`Pipeline::typeset`] does, but asks `superseded` before
    /// each layout and stops with [`Error::Superseded`] when the result is
    /// no longer wanted (a newer edit arrived in `watch` or `serve`). While
    /// the fitting runs, a worker thread lays out ahead the plans the last
    /// fitting asked for, its final one first: that first layout (the new
    /// content with the last decisions) goes to `show_first`, as the
    /// preview's provisional pages.
    ///
    /// # Errors
    /// As [`Pipeline::typeset`], or [`Error::Superseded`].
    pub fn typeset_unless(
        &mut self,
        superseded: &(dyn Fn() -> bool + Sync),
        show_first: Option<ShowFirst>,
    ) -> Result<Built, Error> {
        // The key of the inputs, before downsampled pictures change them.
        let kept = self.kept().map(|kept| {
            let key = kept::key(
                &self.world,
                self.fonts_hash,
                self.layout(),
                self.profile(),
                self.options.marks,
                self.leaflet_rules().as_ref(),
            );
            (kept, key)
        });
        let reused = kept.as_ref().and_then(|(kept, key)| kept.load(*key));
        let inks = Mutex::new(std::mem::take(&mut self.inks));
        let fitted = Layouts::new(&self.world, &inks, &self.ahead, superseded, show_first)
            .and_then(|layouts| {
                let fitted = std::thread::scope(|scope| {
                    scope.spawn(|| layouts.work_ahead());
                    let fitted = self.fit_pages(&layouts, &inks, superseded, reused);
                    layouts.stop();
                    fitted
                });
                Ok((fitted?, layouts.asked()))
            });
        self.inks = inks.into_inner().unwrap_or_else(PoisonError::into_inner);
        let ((fitted, mut warnings), asked) = fitted?;
        self.ahead = std::iter::once(fitted.plan.clone()).chain(asked).collect();
        if let (Some((kept, key)), false) = (&kept, fitted.kept) {
            kept.save(*key, &fitted.plan, &fitted.report);
        }
        let kept = fitted.kept;
        let fit = fitted.report;
        if !fit.fitted() {
            warnings.push(
                Diagnostic::new(
                    Code::PageCount,
                    format!(
                        "the brochure has {} pages, not a multiple of {}",
                        fit.pages, fit.multiple
                    ),
                )
                .hint(
                    "the printer would add blank pages where it likes: allow more `notes-pages` or `blank-pages` in `[layout]` of bilan.toml, or tighten the text",
                ),
            );
        }
        if self.territory.is_some() && fit.notes_pages > 0 {
            warnings.push(
                Diagnostic::new(
                    Code::NotesPages,
                    format!(
                        "the local edition has {} « Notes » page(s), added to reach a multiple of {}",
                        fit.notes_pages, fit.multiple
                    ),
                )
                .hint("nobody hands out blank pages: let it be a leaflet (`format = \"auto\"` in `[local-editions]`), give it a local édito or introduction in sources/editions/, or allow `blank-pages` in `[layout]`"),
            );
        }
        // The world holds the decisions of the pages it gives (for `bilan
        // export --typst`).
        self.world.set_fit(&fitted.plan).map_err(Error::CannotRun)?;
        let mut document = fitted.typeset.document;
        if let Some(local) = &self.project.brochure.local {
            document.info_mut().title = Some(local.document_title.as_str().into());
        }
        Ok(Built {
            document,
            warnings,
            fit,
            plan: fitted.plan,
            kept,
        })
    }

    /// The first layout, made with the rules alone (what an earlier build
    /// fitted is decided again from it), the pictures' preflight and
    /// downsampling, then the fitting; with the warnings on the way.
    fn fit_pages(
        &mut self,
        layouts: &Layouts,
        inks: &Mutex<InkCache>,
        superseded: &(dyn Fn() -> bool + Sync),
        reused: Option<(PageFit, FitReport)>,
    ) -> Result<(pagination::Fitted, Vec<Diagnostic>), Error> {
        let leaflet = self.leaflet_rules();
        let rules =
            pagination::first_plan(&self.project.brochure.manifest.layout, leaflet.as_ref());
        let first_plan = reused.as_ref().map_or(&rules, |(plan, _)| plan);
        let first = layouts.lay_out(first_plan)?;
        let placements = render::placements(&self.world, &first.0.document);
        let profile = self.profile().clone();
        let mut warnings = Vec::new();
        if self.options.marks && profile.bleed_mm <= 0.0 {
            warnings.push(
                Diagnostic::new(
                    Code::MarksWithoutBleed,
                    format!(
                        "the {} edition has no bleed: `--marks` is ignored",
                        self.options.profile.as_str()
                    ),
                )
                .hint(
                    "crop marks are for the print edition: `bilan build --profile print --marks`",
                ),
            );
        }
        if let Some(min_ppi) = profile.min_ppi {
            warnings.extend(low_resolution_warnings(&self.project, &placements, min_ppi));
        }
        let layout = &self.project.brochure.manifest.layout;
        let smaller;
        let (layouts, first) = if let Some(max_ppi) = profile.max_ppi
            && downsample_pictures(&mut self.world, &self.project, &placements, max_ppi)? > 0
        {
            // Other pictures, another world: its layouts are made anew.
            layouts.stop();
            smaller = Layouts::new(&self.world, inks, &[], superseded, None)?;
            let first = smaller.lay_out(first_plan)?;
            (&smaller, first)
        } else {
            (layouts, first)
        };
        let first = match reused {
            // The kept decisions, if they hold on the pages they give.
            Some((plan, report)) if pagination::holds(&first.1, &report) => {
                warnings.extend(first.0.warnings.iter().cloned());
                let fitted = pagination::Fitted {
                    typeset: first.0,
                    plan,
                    report,
                    kept: true,
                };
                return Ok((fitted, warnings));
            }
            Some(_) => layouts.lay_out(&rules)?,
            None => first,
        };
        warnings.extend(first.0.warnings.iter().cloned());
        Ok((
            pagination::fit(layouts, first, layout, leaflet.as_ref())?,
            warnings,
        ))
    }

    /// How the local edition being built may be set as a leaflet (`None`
    /// for the brochure, or a booklet).
    fn leaflet_rules(&self) -> Option<LeafletRules> {
        self.project
            .brochure
            .local
            .as_ref()
            .and_then(|l| l.leaflet.clone())
    }

    /// The pagination rules of `[layout]`.
    pub fn layout(&self) -> &crate::content::model::Layout {
        &self.project.brochure.manifest.layout
    }

    /// Exports a typeset brochure as PDF bytes.
    ///
    /// # Errors
    /// A standard the document violates.
    pub fn pdf(&self, document: &PagedDocument) -> Result<Vec<u8>, Error> {
        let profile = self.profile();
        let settings = PdfSettings {
            date: self.project.date(),
            standards: &profile.standards,
            bleed_mm: profile.bleed_mm,
        };
        render::pdf(&self.world, document, &settings).map_err(Error::Invalid)
    }
}

fn edition(options: &Options, profile: &Profile) -> Edition {
    Edition {
        profile: options.profile.as_str().to_owned(),
        bleed_mm: profile.bleed_mm,
        marks: options.marks && profile.bleed_mm > 0.0,
        cmyk: profile.colors == ColorModel::Cmyk,
    }
}

/// A warning for each picture under `min_ppi` at its placed size, pointing
/// at its `image` key.
fn low_resolution_warnings(
    project: &Project,
    placements: &[Placement],
    min_ppi: f64,
) -> Vec<Diagnostic> {
    let sources = project.pictures();
    placements
        .iter()
        .filter(|p| p.ppi() < min_ppi)
        .map(|placement| {
            let source = sources.iter().find(|s| s.virtual_path == placement.virtual_path);
            let name = source.map_or(placement.virtual_path.clone(), |s| display_path(&s.path));
            let (width, height) = placement.pixels;
            let warning = Diagnostic::new(
                Code::PictureResolution,
                format!(
                    "the picture `{name}` ({width}×{height} px) is placed {:.1} cm wide: {:.0} ppi, under the {min_ppi:.0} ppi of print",
                    placement.width_pt / 72.0 * 2.54,
                    placement.ppi()
                ),
            )
            .hint(format!(
                "use a picture at least {} px wide, or place it smaller",
                placement.pixels_for(min_ppi)
            ));
            match source {
                Some(s) => warning.at(s.origin.0.clone(), s.origin.1.clone()),
                None => warning,
            }
        })
        .collect()
}

/// Replaces, in the world, each picture over `max_ppi` at its placed size by
/// a copy downsampled to `max_ppi`; returns how many were replaced.
fn downsample_pictures(
    world: &mut BilanWorld,
    project: &Project,
    placements: &[Placement],
    max_ppi: f64,
) -> Result<usize, Error> {
    let sources = project.pictures();
    let mut replaced = 0;
    for placement in placements.iter().filter(|p| p.ppi() > max_ppi) {
        let Some(source) = sources
            .iter()
            .find(|s| s.virtual_path == placement.virtual_path)
        else {
            continue;
        };
        let cannot = |reason: String| {
            Error::CannotRun(Diagnostic::new(
                Code::Picture,
                format!(
                    "cannot downsample `{}`: {reason}",
                    display_path(&source.path)
                ),
            ))
        };
        let bytes = std::fs::read(&source.path).map_err(|err| cannot(err.to_string()))?;
        let smaller = render::downsample(&bytes, placement.pixels_for(max_ppi)).map_err(cannot)?;
        world
            .replace_file(&placement.virtual_path, smaller)
            .map_err(Error::CannotRun)?;
        replaced += 1;
    }
    Ok(replaced)
}
