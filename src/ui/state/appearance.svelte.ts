/**
 * The page's theme: the user's choice (system, light or dark, kept with the
 * settings, settingsStore.ts) and whether the page is dark now. One shared
 * instance, so the canvas and the charts, which paint their own colours,
 * follow the same choice as the CSS (ThemeSwitch.svelte sets
 * `data-theme` on the root element). The system's preference is asked for
 * only when the choice is "system".
 */
import { MediaQuery } from 'svelte/reactivity';
import type { ThemeChoice } from './settingsStore';

export { THEMES, type ThemeChoice } from './settingsStore';

class Appearance {
  choice = $state<ThemeChoice>('system');
  private system: MediaQuery | null = null;

  /** Dark now: chosen, or the system's where the choice is "system". */
  get dark(): boolean {
    if (this.choice !== 'system') return this.choice === 'dark';
    this.system ??= new MediaQuery('(prefers-color-scheme: dark)');
    return this.system.current;
  }
}

export const appearance = new Appearance();
