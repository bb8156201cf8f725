//! The team settings as the screens use them: read from the book, changed only by
//! dispatching one `SetSettings` command, so each change is saved with the book, undone
//! like any other and, later, synced.

use crate::errors::UiError;
use crate::state::{AppState, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::book::settings::SettingsError;
use liuke_engine::book::TeamSettings;
use liuke_engine::{BookError, Command};

/// One part of the team settings (the rotation policy, the pool rules …) or all of
/// them: read like a signal, written by dispatching the whole settings changed.
pub struct SettingsPart<T: 'static> {
    state: AppState,
    read: Memo<TeamSettings>,
    /// Settings sent but not yet saved: a second change made meanwhile builds on them,
    /// not on the book, so it does not undo the first.
    pending: StoredValue<Option<TeamSettings>>,
    part: fn(&TeamSettings) -> &T,
    part_mut: fn(&mut TeamSettings) -> &mut T,
}

impl<T> Clone for SettingsPart<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for SettingsPart<T> {}

/// The team settings of the book in `state`, tracked by value: a change elsewhere in the
/// book does not rerun what reads them.
pub fn team_settings(state: AppState) -> SettingsPart<TeamSettings> {
    SettingsPart {
        state,
        read: Memo::new(move |_| state.book.with(|b| b.settings().clone())),
        pending: StoredValue::new(None),
        part: |s| s,
        part_mut: |s| s,
    }
}

impl SettingsPart<TeamSettings> {
    /// The part of these settings that `part` names.
    pub fn part<T>(
        self,
        part: fn(&TeamSettings) -> &T,
        part_mut: fn(&mut TeamSettings) -> &mut T,
    ) -> SettingsPart<T> {
        SettingsPart {
            state: self.state,
            read: self.read,
            pending: self.pending,
            part,
            part_mut,
        }
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> SettingsPart<T> {
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let part = self.part;
        self.read.with(|s| f(part(s)))
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let part = self.part;
        self.read.with_untracked(|s| f(part(s)))
    }

    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    pub fn get_untracked(&self) -> T {
        self.with_untracked(T::clone)
    }

    /// Changes the settings if the engine can use the result (else says why and changes
    /// nothing), saving them as one change of the book.
    pub fn try_update(&self, edit: impl FnOnce(&mut T)) -> Result<(), SettingsError> {
        self.send(Some("settings.saved"), edit)
    }

    /// Changes the settings (see [`Self::try_update`]), saying `saved` (a translation
    /// key) once saved, or nothing for a change the app makes on its own.
    fn send(
        &self,
        saved: Option<&'static str>,
        edit: impl FnOnce(&mut T),
    ) -> Result<(), SettingsError> {
        let latest = self
            .pending
            .get_value()
            .unwrap_or_else(|| self.read.get_untracked());
        let mut next = latest.clone();
        edit((self.part_mut)(&mut next));
        if next == latest {
            return Ok(());
        }
        next.check()?;
        self.pending.set_value(Some(next.clone()));
        let (state, pending) = (self.state, self.pending);
        spawn_local(async move {
            let sent = next.clone();
            let command = Command::SetSettings {
                settings: Box::new(next),
            };
            let outcome = state.dispatch(command).await;
            if pending.with_value(|p| p.as_ref() == Some(&sent)) {
                pending.set_value(None);
            }
            match outcome {
                Ok(_) => {
                    if let Some(key) = saved {
                        state.notice.set(Some(Notice::Saved(key)));
                    }
                }
                Err(e) => {
                    pending.set_value(None);
                    state.notice.set(Some(Notice::Error(e)));
                }
            }
        });
        Ok(())
    }

    /// Like [`Self::try_update`], saying in a notice why a change was refused.
    pub fn update(&self, edit: impl FnOnce(&mut T)) {
        self.update_saying("settings.saved", edit);
    }

    /// Like [`Self::update`], saying `saved` (a translation key) once saved.
    pub fn update_saying(&self, saved: &'static str, edit: impl FnOnce(&mut T)) {
        self.update_with(Some(saved), edit);
    }

    /// Like [`Self::update`], with no notice once saved: for what the app records on its
    /// own, not something the user just did.
    pub fn update_quietly(&self, edit: impl FnOnce(&mut T)) {
        self.update_with(None, edit);
    }

    fn update_with(&self, saved: Option<&'static str>, edit: impl FnOnce(&mut T)) {
        if let Err(e) = self.send(saved, edit) {
            let refused = UiError::Book(BookError::Settings(e));
            self.state.notice.set(Some(Notice::Error(refused)));
        }
    }

    pub fn set(&self, value: T) {
        self.update(|part| *part = value);
    }
}
