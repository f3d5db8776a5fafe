/**
 * The script of the « Préparer » and « Résultats » tabs, run in the page:
 * it builds each form from the fields the server generated from the zod
 * schemas, keeps the data as the form changes it, shows the located
 * problems at their field, and saves through the preview server. Plain DOM,
 * no library: the page loads nothing else. Sent as the text of this
 * function (`formsClient.toString()`), so it must use nothing from outside
 * its own body.
 */
export function formsClient(): void {
  type Data = Record<string, unknown>;
  type Segment = string | number;
  interface Choice {
    valeur: string;
    libelle: string;
    duree?: number;
  }
  interface Field {
    cle: string;
    libelle: string;
    aide?: string;
    requis?: boolean;
    exemple?: string;
    genre: 'texte' | 'nombre' | 'choix' | 'case' | 'textes' | 'cases' | 'groupe' | 'groupes' | 'special';
    long?: boolean;
    motif?: string;
    format?: string;
    entier?: boolean;
    min?: number;
    max?: number;
    choix?: Choice[];
    champs?: Field[];
    element?: string;
    widget?: 'deroule' | 'themes' | 'durees' | 'idees' | 'retenus' | 'thematique' | 'fixe';
  }
  interface Problem {
    chemin: string;
    message: string;
    ligne: string;
    gravite: 'error' | 'warning';
    ceFichier: boolean;
  }
  interface State {
    formulaire: 'preparer' | 'resultats';
    fichier: string;
    existe: boolean;
    version: string;
    donnees: Data;
    champs: Field[];
    contexte: { themes: Choice[]; phases: Choice[]; deroules: Choice[] };
    erreurs: Problem[];
  }

  const meta = document.querySelector('meta[name="jeton-apercu"]');
  const jeton = meta ? (meta.getAttribute('content') ?? '') : '';
  if (!jeton) return;

  /** What the server answers, whichever request it was. */
  interface Answer {
    message?: string;
    version?: string;
    enregistre?: boolean;
    erreurs?: Problem[];
    donnees?: Data;
    illisible?: boolean;
  }
  const api = async (kind: string, suffix: string, body?: unknown): Promise<{ status: number; body: Answer }> => {
    const response = await fetch(`/formulaires/${kind}${suffix}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers:
        body === undefined
          ? { 'X-Jeton-Apercu': jeton }
          : { 'X-Jeton-Apercu': jeton, 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
    });
    let parsed: Answer;
    try {
      parsed = (await response.json()) as Answer;
    } catch {
      parsed = { message: 'Réponse illisible du serveur d’aperçu.' };
    }
    return { status: response.status, body: parsed };
  };

  const dotted = (path: readonly Segment[]) =>
    path.reduce<string>(
      (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
      '',
    );
  const idOf = (kind: string, path: readonly Segment[]) => `${kind}-${dotted(path).replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  const isRecord = (value: unknown): value is Data =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const copy = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));
  const getIn = (data: unknown, path: readonly Segment[]): unknown =>
    path.reduce<unknown>(
      (value, segment) =>
        value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[segment as string],
      data,
    );
  const setIn = (data: Data, path: readonly Segment[], value: unknown) => {
    // Tables and lists alike, indexed by key or position.
    let target = data as Record<Segment, unknown>;
    path.forEach((segment, index) => {
      const last = index === path.length - 1;
      if (last) {
        if (value === undefined && !Array.isArray(target)) delete target[segment];
        else target[segment] = value;
        return;
      }
      if (target[segment] === null || typeof target[segment] !== 'object')
        target[segment] = typeof path[index + 1] === 'number' ? [] : {};
      target = target[segment] as Record<Segment, unknown>;
    });
  };
  /** What is sent: texts trimmed, empty keys, tables and lists removed, ideas without text dropped. */
  const clean = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
    if (Array.isArray(value)) {
      let items = value.map((item) => clean(item));
      // An idea row left empty is no idea; elsewhere an empty table stays, so that the schema says what it lacks.
      if (key === 'idees-liste') items = items.filter((item) => item !== undefined);
      items = items.map((item, index) => (item === undefined ? (isRecord(value[index]) ? {} : null) : item));
      return items.length === 0 ? undefined : items;
    }
    if (isRecord(value)) {
      const out: Data = {};
      for (const [name, item] of Object.entries(value)) {
        const cleaned = clean(item, key === 'idees' ? 'idees-liste' : name === 'idees' ? 'idees' : undefined);
        if (cleaned !== undefined) out[name] = cleaned;
      }
      return Object.keys(out).length === 0 && key !== 'racine' ? undefined : out;
    }
    return value === null ? undefined : value;
  };
  const element = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attributes: Record<string, string> = {},
    ...children: (Node | string)[]
  ): HTMLElementTagNameMap[K] => {
    const created = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'text') created.textContent = value;
      else created.setAttribute(name, value);
    }
    created.append(...children);
    return created;
  };
  const clock = () => new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;

  class Form {
    state: State | undefined;
    data: Data = {};
    base: Data = {};
    version = '';
    saving = false;
    again: { draft: boolean } | undefined;
    conflict: { version: string; donnees: Data } | undefined;
    timer: number | undefined;
    checkTimer: number | undefined;
    loaded = false;
    problems: Problem[] = [];
    readonly autosave: boolean;
    readonly body: HTMLElement;
    readonly status: HTMLElement;
    readonly summary: HTMLElement;
    readonly conflictBox: HTMLElement;

    constructor(
      readonly kind: 'preparer' | 'resultats',
      readonly panel: HTMLElement,
    ) {
      this.autosave = kind === 'resultats';
      this.body = panel.querySelector('.champs') as HTMLElement;
      this.status = panel.querySelector('.etat-formulaire') as HTMLElement;
      this.summary = panel.querySelector('.resume') as HTMLElement;
      this.conflictBox = panel.querySelector('.conflit') as HTMLElement;
      const form = panel.querySelector('form') as HTMLFormElement;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void this.save(false);
      });
      form.addEventListener('keydown', (event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault();
          void this.save(false);
        }
      });
      (panel.querySelector('[data-action=brouillon]') as HTMLElement).addEventListener(
        'click',
        () => void this.save(true),
      );
      (panel.querySelector('[data-action=recharger]') as HTMLElement).addEventListener(
        'click',
        () => void this.load('Formulaire relu depuis le fichier.'),
      );
      (panel.querySelector('[data-action=garder]') as HTMLElement).addEventListener('click', () => {
        if (!this.conflict) return;
        // The form's changes are applied to the file as the editor left it: what the editor changed elsewhere stays.
        this.version = this.conflict.version;
        this.conflict = undefined;
        this.conflictBox.hidden = true;
        void this.save(false);
      });
    }

    get dirty(): boolean {
      return JSON.stringify(clean(this.data, 'racine')) !== JSON.stringify(clean(this.base, 'racine'));
    }

    async load(message?: string): Promise<void> {
      this.status.textContent = 'Lecture du fichier…';
      const answer = await api(this.kind, '');
      if (answer.status !== 200) {
        this.status.textContent = answer.body.message ?? 'Lecture impossible.';
        return;
      }
      const state = answer.body as unknown as State;
      this.state = state;
      this.data = copy(state.donnees);
      this.base = copy(state.donnees);
      this.version = state.version;
      this.conflict = undefined;
      this.conflictBox.hidden = true;
      this.loaded = true;
      this.render();
      this.show(state.erreurs);
      this.status.textContent =
        message ??
        (state.existe
          ? `${state.fichier} : chargé.`
          : `${state.fichier} n’existe pas encore : il sera créé au premier enregistrement.`);
      this.panel.dataset.version = this.version;
    }

    changed(): void {
      this.panel.dataset.modifie = 'true';
      if (this.autosave) {
        window.clearTimeout(this.timer);
        this.status.textContent = 'Modifié : enregistrement automatique dans un instant…';
        this.timer = window.setTimeout(() => void this.save(false, true), 700);
      } else {
        window.clearTimeout(this.checkTimer);
        this.status.textContent = 'Modifié, pas encore enregistré.';
        this.checkTimer = window.setTimeout(() => void this.check(), 500);
      }
    }

    async check(): Promise<void> {
      const answer = await api(this.kind, '/verification', {
        version: this.version,
        base: clean(this.base, 'racine'),
        donnees: clean(this.data, 'racine'),
      });
      if (answer.status === 200) this.show(answer.body.erreurs ?? []);
    }

    async save(draft: boolean, automatic = false): Promise<void> {
      window.clearTimeout(this.timer);
      window.clearTimeout(this.checkTimer);
      if (this.conflict) return;
      if (this.saving) {
        // Typed while a save was under way: saved right after it.
        this.again = { draft };
        return;
      }
      if (automatic && !this.dirty) {
        this.status.textContent = 'Rien de nouveau à enregistrer.';
        return;
      }
      this.saving = true;
      this.panel.dataset.enregistrement = 'en-cours';
      const sent = clean(this.data, 'racine') as Data;
      try {
        const answer = await api(this.kind, '', {
          version: this.version,
          base: clean(this.base, 'racine'),
          donnees: sent,
          brouillon: draft,
        });
        if (answer.status === 200) {
          this.version = answer.body.version ?? this.version;
          this.base = copy(sent);
          this.show(answer.body.erreurs ?? []);
          const errors = (answer.body.erreurs ?? []).filter((problem) => problem.gravite === 'error').length;
          this.status.textContent = answer.body.enregistre
            ? `${this.state?.fichier ?? 'Fichier'} enregistré à ${clock()}${errors > 0 ? ` comme brouillon (${plural(errors, 'problème')} à corriger)` : ''}.`
            : 'Rien à enregistrer : le fichier dit déjà cela.';
          this.panel.dataset.version = this.version;
          this.panel.dataset.modifie = String(this.dirty);
        } else if (answer.status === 409) {
          this.conflict = { version: answer.body.version ?? '', donnees: answer.body.donnees ?? {} };
          (this.conflictBox.querySelector('.message-conflit') as HTMLElement).textContent = answer.body.message ?? '';
          this.conflictBox.hidden = false;
          this.status.textContent = 'Non enregistré : le fichier a changé entre-temps.';
          (this.conflictBox.querySelector('button') as HTMLElement).focus();
        } else if (answer.status === 422) {
          this.show(answer.body.erreurs ?? []);
          const errors = (answer.body.erreurs ?? []).filter((problem) => problem.gravite === 'error').length;
          this.status.textContent = answer.body.illisible
            ? (answer.body.message ?? '')
            : `Pas encore enregistré : ${plural(errors, 'champ')} à corriger (ou « Enregistrer comme brouillon »).`;
        } else {
          this.status.textContent = answer.body.message ?? `Enregistrement refusé (${answer.status}).`;
        }
      } catch {
        this.status.textContent = 'Connexion perdue avec pgo-kit : rien n’a été enregistré.';
      } finally {
        this.saving = false;
        const again = this.again;
        this.again = undefined;
        if (again) void this.save(again.draft, true);
        else this.panel.dataset.enregistrement = 'fini';
      }
    }

    /** The file changed on disk: an unchanged form reads it again; one with changes asks. */
    fileChanged(version: string): void {
      if (!this.loaded || this.saving || version === this.version) return;
      if (!this.dirty) {
        void this.load('Le fichier a été modifié dans un éditeur : le formulaire l’a relu.');
        return;
      }
      this.conflict = { version, donnees: {} };
      (this.conflictBox.querySelector('.message-conflit') as HTMLElement).textContent =
        `${this.state?.fichier ?? 'Le fichier'} a été modifié en dehors du formulaire (dans un éditeur ?) et vos saisies ne sont pas encore enregistrées.`;
      this.conflictBox.hidden = false;
    }

    /** The problems, at their field and in the summary at the top. */
    show(problems: Problem[]): void {
      this.problems = problems;
      for (const old of Array.from(this.body.querySelectorAll('.message'))) old.remove();
      for (const invalid of Array.from(this.body.querySelectorAll('[aria-invalid]')))
        invalid.removeAttribute('aria-invalid');
      const list = this.summary.querySelector('ul') as HTMLElement;
      list.replaceChildren();
      const errors = problems.filter((problem) => problem.gravite === 'error');
      for (const problem of problems) {
        const container = this.containerFor(problem);
        const item = element('li', { class: problem.gravite === 'error' ? 'erreur' : 'avertissement' });
        if (container) {
          const message = element(
            'p',
            {
              class: `message ${problem.gravite === 'error' ? 'erreur' : 'avertissement'}`,
              id: `${container.id}-message-${container.querySelectorAll(':scope > .message').length}`,
            },
            `${problem.gravite === 'error' ? 'Erreur' : 'Attention'} : ${problem.message}`,
          );
          const label = container.querySelector(':scope > label, :scope > legend, :scope > .titre-champ');
          if (label) label.after(message);
          else container.prepend(message);
          const control = container.querySelector<HTMLElement>(
            ':scope > input, :scope > textarea, :scope > select, :scope input, :scope textarea, :scope select',
          );
          if (control) {
            if (problem.gravite === 'error') control.setAttribute('aria-invalid', 'true');
            const described = new Set((control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
            described.add(message.id);
            control.setAttribute('aria-describedby', [...described].join(' '));
            const link = element('button', { type: 'button', class: 'lien' }, problem.ligne);
            link.addEventListener('click', () => control.focus());
            item.append(link);
          } else item.textContent = problem.ligne;
        } else item.textContent = problem.ligne;
        list.append(item);
      }
      (this.summary.querySelector('.compte') as HTMLElement).textContent =
        problems.length === 0
          ? 'Aucun problème : le fichier est valide.'
          : `${errors.length === 0 ? 'Aucune erreur' : plural(errors.length, 'erreur')}${problems.length > errors.length ? `, ${plural(problems.length - errors.length, 'avertissement')}` : ''}`;
      this.summary.dataset.erreurs = String(errors.length);
      this.panel.dataset.erreurs = String(errors.length);
    }

    /** The field a problem is about: its own, else the nearest enclosing one. */
    containerFor(problem: Problem): HTMLElement | undefined {
      if (!problem.ceFichier || !problem.chemin) return undefined;
      let chemin = problem.chemin;
      for (;;) {
        const found = Array.from(this.body.querySelectorAll<HTMLElement>('[data-chemin]')).find(
          (candidate) => candidate.dataset.chemin === chemin,
        );
        if (found) return found;
        const shorter = chemin.replace(/(\[\d+\]|\.[^.[]+)$/, '');
        if (shorter === chemin || shorter === '') return undefined;
        chemin = shorter;
      }
    }

    render(): void {
      const state = this.state;
      if (!state) return;
      this.body.replaceChildren(
        ...state.champs
          .map((field) => this.field(field, [field.cle]))
          .filter((node): node is HTMLElement => node !== undefined),
      );
    }

    set(path: Segment[], value: unknown): void {
      setIn(this.data, path, value);
      // A local theme's id or title shows at once in the list of themes offered.
      if (path[0] === 'themes_locaux' && (path.length <= 2 || path[2] === 'id' || path[2] === 'titre'))
        this.refreshThemes();
      this.changed();
    }

    /** Label, help and the control, in a container that problems are shown in. */
    wrap(field: Field, path: Segment[], control: HTMLElement, labelText?: string): HTMLElement {
      const id = control.id;
      const container = element('div', { class: 'champ', 'data-chemin': dotted(path), id: `${id}-champ` });
      const label = element('label', { for: id }, labelText ?? field.libelle);
      if (field.requis) label.append(element('span', { class: 'requis' }, ' (obligatoire)'));
      container.append(label);
      const described: string[] = [];
      if (field.aide) {
        container.append(element('p', { class: 'aide', id: `${id}-aide` }, field.aide));
        described.push(`${id}-aide`);
      }
      if (described.length > 0) control.setAttribute('aria-describedby', described.join(' '));
      container.append(control);
      return container;
    }

    field(field: Field, path: Segment[]): HTMLElement | undefined {
      const id = idOf(this.kind, path);
      const value = getIn(this.data, path);
      switch (field.genre) {
        case 'texte': {
          const control = field.long
            ? element('textarea', { id, rows: '2' })
            : element('input', { id, type: field.format === 'uri' ? 'url' : 'text' });
          control.value = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
          if (field.exemple) control.setAttribute('placeholder', `par exemple : ${field.exemple}`);
          if (field.long) {
            const grow = () => {
              control.style.height = 'auto';
              control.style.height = `${control.scrollHeight + 2}px`;
            };
            control.addEventListener('input', grow);
            requestAnimationFrame(grow);
          }
          control.addEventListener('input', () => this.set(path, control.value === '' ? undefined : control.value));
          return this.wrap(field, path, control);
        }
        case 'nombre': {
          // Text, not type=number: a value the schema refuses (« douze ») stays as typed, with its message.
          const control = element('input', {
            id,
            type: 'text',
            inputmode: field.entier ? 'numeric' : 'decimal',
            class: 'nombre',
          });
          control.value = value === undefined || value === null ? '' : String(value);
          if (field.exemple) control.setAttribute('placeholder', field.exemple);
          const bounds =
            field.min !== undefined && field.max !== undefined
              ? `de ${field.min} à ${field.max}`
              : field.min !== undefined
                ? `${field.min} au moins`
                : field.max !== undefined
                  ? `${field.max} au plus`
                  : '';
          const help = [field.aide, bounds ? `${field.entier ? 'Nombre entier' : 'Nombre'} ${bounds}.` : '']
            .filter(Boolean)
            .join(' — ');
          control.addEventListener('input', () => {
            const typed = control.value.trim();
            this.set(
              path,
              typed === '' ? undefined : /^-?\d+([.,]\d+)?$/.test(typed) ? Number(typed.replace(',', '.')) : typed,
            );
          });
          return this.wrap(help ? { ...field, aide: help } : field, path, control);
        }
        case 'choix': {
          const control = element('select', { id });
          control.append(
            element(
              'option',
              { value: '' },
              field.exemple
                ? `(par défaut : ${field.choix?.find((choice) => choice.valeur === field.exemple)?.libelle ?? field.exemple})`
                : '(non renseigné)',
            ),
          );
          for (const choice of field.choix ?? [])
            control.append(element('option', { value: choice.valeur }, choice.libelle));
          if (typeof value === 'string' && !(field.choix ?? []).some((choice) => choice.valeur === value))
            control.append(element('option', { value }, `${value} (inconnu)`));
          control.value = typeof value === 'string' ? value : '';
          control.addEventListener('change', () => this.set(path, control.value === '' ? undefined : control.value));
          return this.wrap(field, path, control);
        }
        case 'case': {
          const control = element('input', { id, type: 'checkbox' });
          control.checked = value === true;
          control.addEventListener('change', () => this.set(path, control.checked ? true : undefined));
          return this.wrap(field, path, control);
        }
        case 'textes': {
          const control = element('textarea', {
            id,
            rows: String(Math.max(2, Array.isArray(value) ? value.length : 0)),
          });
          control.value = Array.isArray(value) ? value.map(String).join('\n') : '';
          control.addEventListener('input', () => {
            const lines = control.value
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean);
            this.set(path, lines.length > 0 ? lines : undefined);
          });
          return this.wrap(field, path, control, `${field.libelle} (une par ligne)`);
        }
        case 'cases':
          return this.checkboxes(
            field,
            path,
            field.choix ?? [],
            Array.isArray(value) ? value.map(String) : [],
            (checked) => this.set(path, checked.length > 0 ? checked : undefined),
          );
        case 'groupe': {
          const set = element(
            'fieldset',
            { class: 'groupe', 'data-chemin': dotted(path), id: `${id}-champ` },
            element('legend', {}, field.libelle),
          );
          if (field.aide) set.append(element('p', { class: 'aide' }, field.aide));
          for (const child of field.champs ?? []) {
            const node = this.field(child, [...path, child.cle]);
            if (node) set.append(node);
          }
          return set;
        }
        case 'groupes':
          return this.list(field, path);
        case 'special':
          return this.special(field, path);
        default:
          return undefined;
      }
    }

    checkboxes(
      field: Field,
      path: Segment[],
      choices: Choice[],
      checked: string[],
      onChange: (checked: string[]) => void,
    ): HTMLElement {
      const id = idOf(this.kind, path);
      const set = element(
        'fieldset',
        { class: 'cases', 'data-chemin': dotted(path), id: `${id}-champ` },
        element('legend', {}, field.libelle),
      );
      if (field.aide) set.append(element('p', { class: 'aide' }, field.aide));
      const boxes: HTMLInputElement[] = [];
      choices.forEach((choice, index) => {
        const box = element('input', { type: 'checkbox', id: `${id}-${index}`, value: choice.valeur });
        box.checked = checked.includes(choice.valeur);
        boxes.push(box);
        box.addEventListener('change', () => onChange(boxes.filter((each) => each.checked).map((each) => each.value)));
        set.append(element('div', { class: 'case' }, box, element('label', { for: box.id }, choice.libelle)));
      });
      return set;
    }

    list(field: Field, path: Segment[]): HTMLElement {
      const id = idOf(this.kind, path);
      const set = element(
        'fieldset',
        { class: 'liste', 'data-chemin': dotted(path), id: `${id}-champ` },
        element('legend', {}, field.libelle),
      );
      if (field.aide) set.append(element('p', { class: 'aide' }, field.aide));
      const items = element('ol', { class: 'elements' });
      set.append(items);
      const name = field.element ?? 'Élément';
      const draw = (focusIndex?: number) => {
        const value = getIn(this.data, path);
        const list = Array.isArray(value) ? value : [];
        items.replaceChildren(
          ...list.map((_, index) => {
            const itemPath = [...path, index];
            const item = element(
              'fieldset',
              { class: 'element', 'data-chemin': dotted(itemPath), id: `${idOf(this.kind, itemPath)}-champ` },
              element('legend', {}, `${name} ${index + 1}`),
            );
            for (const child of field.champs ?? []) {
              const node = this.field(child, [...itemPath, child.cle]);
              if (node) item.append(node);
            }
            const remove = element(
              'button',
              { type: 'button', class: 'secondaire' },
              `Supprimer : ${name.toLowerCase()} ${index + 1}`,
            );
            remove.addEventListener('click', () => {
              const current = getIn(this.data, path);
              if (!Array.isArray(current)) return;
              current.splice(index, 1);
              this.set(path, current.length > 0 ? current : undefined);
              draw();
              this.afterListChange(path);
              add.focus();
            });
            item.append(remove);
            return element('li', {}, item);
          }),
        );
        if (focusIndex !== undefined)
          items
            .querySelectorAll<HTMLElement>(':scope > li')
            [focusIndex]?.querySelector<HTMLElement>('input, textarea, select')
            ?.focus();
      };
      const add = element(
        'button',
        { type: 'button', class: 'ajouter', id: `${id}-ajouter` },
        `Ajouter : ${name.toLowerCase()}`,
      );
      add.addEventListener('click', () => {
        const current = getIn(this.data, path);
        const list = Array.isArray(current) ? current : [];
        list.push({});
        this.set(path, list);
        draw(list.length - 1);
      });
      set.append(add);
      draw();
      (set as HTMLElement & { redessiner?: () => void }).redessiner = () => draw();
      return set;
    }

    /** After a local theme or a commitment is added or removed, the widgets that list them follow. */
    afterListChange(path: Segment[]): void {
      if (dotted(path) === 'themes_locaux') this.refreshThemes();
    }

    refreshThemes(): void {
      const widget = this.body.querySelector<HTMLElement & { redessiner?: () => void }>('[data-widget=themes]');
      widget?.redessiner?.();
    }

    special(field: Field, path: Segment[]): HTMLElement | undefined {
      const state = this.state as State;
      const id = idOf(this.kind, path);
      switch (field.widget) {
        case 'fixe':
          return element(
            'p',
            { class: 'fixe', 'data-chemin': dotted(path), id: `${id}-champ` },
            `${field.libelle} : ${String(getIn(this.data, path) ?? '')}`,
          );
        case 'deroule':
          return this.field({ ...field, genre: 'choix', choix: state.contexte.deroules }, path);
        case 'thematique': {
          const retainedThemeIds = getIn(this.data, ['themes_retenus']);
          const among = state.contexte.themes.filter(
            (theme) =>
              !Array.isArray(retainedThemeIds) ||
              retainedThemeIds.length === 0 ||
              retainedThemeIds.includes(theme.valeur),
          );
          return this.field(
            {
              ...field,
              genre: 'choix',
              choix: among.map((theme) => ({ valeur: theme.valeur, libelle: `${theme.libelle} (${theme.valeur})` })),
            },
            path,
          );
        }
        case 'retenus': {
          const value = getIn(this.data, path);
          const choices = state.contexte.themes.map((theme) => ({
            valeur: theme.valeur,
            libelle: `${theme.libelle} (${theme.valeur})`,
          }));
          return this.checkboxes(field, path, choices, Array.isArray(value) ? value.map(String) : [], (checked) => {
            this.set(path, checked.length > 0 ? checked : undefined);
            // A retained theme gets its commitment block, to fill in below.
            const commitments = Array.isArray(this.data.engagements) ? (this.data.engagements as Data[]) : [];
            const missing = checked.filter(
              (theme) => !commitments.some((commitment) => isRecord(commitment) && commitment.thematique === theme),
            );
            if (missing.length > 0) {
              this.data.engagements = [...commitments, ...missing.map((theme) => ({ thematique: theme }))];
            }
            const list = this.body.querySelector<HTMLElement & { redessiner?: () => void }>(
              '[data-chemin="engagements"]',
            );
            list?.redessiner?.();
          });
        }
        case 'durees': {
          const set = element(
            'fieldset',
            { class: 'groupe', 'data-chemin': dotted(path), id: `${id}-champ` },
            element('legend', {}, 'Durées des phases (minutes)'),
          );
          if (field.aide) set.append(element('p', { class: 'aide' }, field.aide));
          for (const phase of state.contexte.phases) {
            const child: Field = {
              cle: phase.valeur,
              libelle: `${phase.libelle} (${phase.valeur})`,
              genre: 'nombre',
              entier: true,
              exemple: String(phase.duree ?? ''),
              aide: `Par défaut : ${phase.duree ?? '?'} min`,
            };
            const node = this.field(child, [...path, phase.valeur]);
            if (node) set.append(node);
          }
          return set;
        }
        case 'themes':
          return this.themes(field, path);
        case 'idees':
          return this.ideas(field, path);
        default:
          return undefined;
      }
    }

    /** The themes offered: a checklist of the shipped and local themes, in the order they are offered. */
    themes(field: Field, path: Segment[]): HTMLElement {
      const id = idOf(this.kind, path);
      const set = element(
        'fieldset',
        { class: 'themes', 'data-chemin': dotted(path), id: `${id}-champ`, 'data-widget': 'themes' },
        element('legend', {}, field.libelle),
      );
      set.append(
        element(
          'p',
          { class: 'aide' },
          'Cochez les thématiques proposées ; « Monter » et « Descendre » fixent leur ordre sur les documents. Tout coché : toutes, dans l’ordre par défaut.',
        ),
      );
      const list = element('ol', { class: 'liste-themes' });
      set.append(list);
      let knownLocals = this.localThemes().map((theme) => theme.valeur);
      const draw = (focus?: string) => {
        const locals = this.localThemes();
        const localIds = locals.map((theme) => theme.valeur);
        const offered = getIn(this.data, path);
        // A local theme renamed or added while a list is given: the list follows it.
        if (Array.isArray(offered)) {
          const removed = knownLocals.filter((theme) => !localIds.includes(theme));
          const added = localIds.filter((theme) => !knownLocals.includes(theme));
          let next = offered.map(String);
          if (removed.length === 1 && added.length === 1)
            next = next.map((theme) => (theme === removed[0] ? (added[0] as string) : theme));
          else
            next = [
              ...next.filter((theme) => !removed.includes(theme)),
              ...added.filter((theme) => !next.includes(theme)),
            ];
          if (JSON.stringify(next) !== JSON.stringify(offered)) setIn(this.data, path, next);
        }
        knownLocals = localIds;
        const all = [
          ...(this.state as State).contexte.themes,
          ...locals.filter(
            (theme) => !(this.state as State).contexte.themes.some((shipped) => shipped.valeur === theme.valeur),
          ),
        ];
        const current = getIn(this.data, path);
        const chosen = Array.isArray(current) ? current.map(String) : all.map((theme) => theme.valeur);
        const ordered = [
          ...chosen.flatMap((theme) => all.filter((each) => each.valeur === theme)),
          ...all.filter((theme) => !chosen.includes(theme.valeur)),
        ];
        const unknown = chosen.filter((theme) => !all.some((each) => each.valeur === theme));
        const write = (order: string[], checked: string[]) => {
          this.set(
            path,
            order.filter((theme) => checked.includes(theme)),
          );
        };
        list.replaceChildren(
          ...[...ordered, ...unknown.map((theme) => ({ valeur: theme, libelle: `${theme} (inconnue)` }))].map(
            (theme, index, items) => {
              const box = element('input', { type: 'checkbox', id: `${id}-${theme.valeur}`, value: theme.valeur });
              box.checked = chosen.includes(theme.valeur);
              const order = items.map((each) => each.valeur);
              const isLocal = localIds.includes(theme.valeur);
              box.addEventListener('change', () => {
                write(
                  order,
                  order.filter((each) => (each === theme.valeur ? box.checked : chosen.includes(each))),
                );
                draw(box.id);
              });
              const move = (delta: number, label: string, key: string) => {
                const button = element(
                  'button',
                  {
                    type: 'button',
                    class: 'deplacer',
                    id: `${id}-${theme.valeur}-${key}`,
                    'aria-label': `${label} « ${theme.libelle} »`,
                  },
                  key === 'monter' ? '↑' : '↓',
                );
                const target = index + delta;
                if (target < 0 || target >= items.length) button.disabled = true;
                button.addEventListener('click', () => {
                  const next = [...order];
                  [next[index], next[target]] = [next[target] as string, next[index] as string];
                  write(next, chosen);
                  draw(button.id);
                });
                return button;
              };
              return element(
                'li',
                {},
                box,
                element(
                  'label',
                  { for: box.id },
                  `${theme.libelle} `,
                  element('span', { class: 'identifiant' }, `(${theme.valeur}${isLocal ? ', locale' : ''})`),
                ),
                move(-1, 'Monter', 'monter'),
                move(1, 'Descendre', 'descendre'),
              );
            },
          ),
        );
        if (focus) (document.getElementById(focus) as HTMLElement | null)?.focus();
      };
      draw();
      (set as HTMLElement & { redessiner?: () => void }).redessiner = () => draw();
      return set;
    }

    localThemes(): Choice[] {
      const locals = getIn(this.data, ['themes_locaux']);
      return Array.isArray(locals)
        ? locals.flatMap((theme) =>
            isRecord(theme) && typeof theme.id === 'string' && /^[a-z0-9-]+$/.test(theme.id)
              ? [
                  {
                    valeur: theme.id,
                    libelle: typeof theme.titre === 'string' && theme.titre.trim() ? theme.titre : theme.id,
                  },
                ]
              : [],
          )
        : [];
    }

    /**
     * The ideas of each theme, typed as they are read from the posters:
     * Enter adds the next idea, Tab goes to its dots; several lines pasted
     * make several ideas.
     */
    ideas(field: Field, path: Segment[]): HTMLElement {
      const state = this.state as State;
      const id = idOf(this.kind, path);
      const set = element(
        'fieldset',
        { class: 'idees', 'data-chemin': dotted(path), id: `${id}-champ` },
        element('legend', {}, 'Idées et gommettes, par thématique'),
      );
      set.append(
        element(
          'p',
          { class: 'aide' },
          'Une idée par ligne : Entrée ajoute l’idée suivante, Tab passe à ses gommettes. Coller plusieurs lignes ajoute plusieurs idées.',
        ),
      );
      const current = getIn(this.data, path);
      const extra = isRecord(current)
        ? Object.keys(current)
            .filter((theme) => !state.contexte.themes.some((each) => each.valeur === theme))
            .map((theme) => ({ valeur: theme, libelle: `${theme} (non proposée)` }))
        : [];
      for (const theme of [...state.contexte.themes, ...extra]) {
        const themePath = [...path, theme.valeur];
        const group = element(
          'fieldset',
          { class: 'theme-idees', 'data-chemin': dotted(themePath), id: `${idOf(this.kind, themePath)}-champ` },
          element('legend', {}, theme.libelle),
        );
        const rows = element('ol', { class: 'lignes-idees' });
        const ideasOf = (): Data[] => {
          const value = getIn(this.data, themePath);
          return Array.isArray(value) ? (value as Data[]) : [];
        };
        const store = (list: Data[]) => this.set(themePath, list.length > 0 ? list : undefined);
        const draw = (focusIndex?: number, where: 'texte' | 'gommettes' = 'texte') => {
          rows.replaceChildren(
            ...ideasOf().map((idea, index) => {
              const ideaPath = [...themePath, index];
              const textId = idOf(this.kind, [...ideaPath, 'texte']);
              const text = element('input', {
                type: 'text',
                id: textId,
                class: 'idee-texte',
                'data-index': String(index),
              });
              text.value = typeof idea.texte === 'string' ? idea.texte : '';
              const dots = element('input', {
                type: 'text',
                inputmode: 'numeric',
                id: idOf(this.kind, [...ideaPath, 'gommettes']),
                class: 'nombre idee-gommettes',
              });
              dots.value = idea.gommettes === undefined || idea.gommettes === null ? '' : String(idea.gommettes);
              text.addEventListener('input', () => {
                const list = ideasOf();
                (list[index] as Data).texte = text.value === '' ? undefined : text.value;
                store(list);
              });
              dots.addEventListener('input', () => {
                const list = ideasOf();
                const typed = dots.value.trim();
                (list[index] as Data).gommettes =
                  typed === '' ? undefined : /^\d+$/.test(typed) ? Number(typed) : typed;
                store(list);
              });
              const next = (event: KeyboardEvent) => {
                if (event.key !== 'Enter' || event.isComposing) return;
                event.preventDefault();
                const list = ideasOf();
                list.splice(index + 1, 0, {});
                store(list);
                draw(index + 1);
              };
              text.addEventListener('keydown', next);
              dots.addEventListener('keydown', next);
              text.addEventListener('paste', (event) => {
                const pasted = event.clipboardData?.getData('text/plain') ?? '';
                const lines = pasted
                  .split(/\r?\n/)
                  .map((line) => line.trim())
                  .filter(Boolean);
                if (lines.length < 2) return;
                event.preventDefault();
                const list = ideasOf();
                const [first, ...rest] = lines;
                const here = list[index] as Data;
                here.texte = `${typeof here.texte === 'string' ? here.texte : ''}${first ?? ''}`;
                list.splice(index + 1, 0, ...rest.map((line) => ({ texte: line })));
                store(list);
                draw(index + lines.length - 1);
              });
              const remove = element(
                'button',
                {
                  type: 'button',
                  class: 'secondaire petit',
                  'aria-label': `Supprimer l’idée ${index + 1} de « ${theme.libelle} »`,
                },
                '✕',
              );
              remove.addEventListener('click', () => {
                const list = ideasOf();
                list.splice(index, 1);
                store(list);
                draw(Math.min(index, list.length - 1));
              });
              return element(
                'li',
                { class: 'champ', 'data-chemin': dotted(ideaPath), id: `${idOf(this.kind, ideaPath)}-champ` },
                element('label', { for: textId, class: 'titre-champ' }, `Idée ${index + 1}`),
                text,
                element('label', { for: dots.id, class: 'etiquette-gommettes' }, 'Gommettes'),
                dots,
                remove,
              );
            }),
          );
          if (focusIndex !== undefined && focusIndex >= 0) {
            const target = rows.querySelectorAll<HTMLInputElement>(
              where === 'texte' ? '.idee-texte' : '.idee-gommettes',
            )[focusIndex];
            target?.focus();
          }
        };
        const add = element('button', { type: 'button', class: 'ajouter' }, `Ajouter une idée : ${theme.libelle}`);
        add.addEventListener('click', () => {
          const list = ideasOf();
          list.push({});
          store(list);
          draw(list.length - 1);
        });
        draw();
        group.append(rows, add);
        set.append(group);
      }
      return set;
    }
  }

  const forms = new Map<string, Form>();
  for (const panel of Array.from(document.querySelectorAll<HTMLElement>('[data-formulaire]'))) {
    const kind = panel.dataset.formulaire as 'preparer' | 'resultats';
    forms.set(kind, new Form(kind, panel));
  }
  const spaces = Array.from(document.querySelectorAll<HTMLElement>('[role=tab][data-espace]'));
  const choose = (tab: HTMLElement, focus: boolean) => {
    for (const other of spaces) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
      // The documents stay in view beside a form.
      if (panel?.dataset.formulaire) panel.hidden = !selected;
    }
    const space = tab.dataset.espace ?? 'apercu';
    document.body.dataset.espace = space;
    // Beside « Résultats », the restitution's documents; elsewhere, the kit's.
    const kit = document.getElementById('documents');
    const results = document.getElementById('documents-resultats');
    if (kit && results) {
      kit.hidden = space === 'resultats';
      results.hidden = space !== 'resultats';
    }
    const form = forms.get(space);
    if (form && !form.loaded) void form.load();
    if (focus) tab.focus();
    window.dispatchEvent(new Event('resize'));
  };
  spaces.forEach((tab, index) => {
    tab.addEventListener('click', () => choose(tab, false));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      choose(spaces[(index + step + spaces.length) % spaces.length] as HTMLElement, true);
    });
  });
  const events = (window as unknown as { pgoKitEvenements?: EventSource }).pgoKitEvenements;
  /** The restitution's documents: one button each, one frame, reloaded at each new rendering. */
  const resultsView = (() => {
    const frame = document.getElementById('cadre-resultats') as HTMLIFrameElement | null;
    const buttons = document.querySelector('.onglets-resultats');
    const status = document.getElementById('statut-resultats');
    const errors = document.getElementById('erreurs-resultats');
    let shown = 'restitution';
    let version = 0;
    let loaded = '';
    const fit = () => {
      const doc = frame?.contentDocument;
      if (!frame || !doc?.body || frame.clientWidth === 0) return;
      doc.documentElement.style.zoom = '';
      doc.documentElement.style.zoom = String(
        Math.min(1, (frame.clientWidth - 24) / Math.max(doc.documentElement.scrollWidth, 1)),
      );
    };
    const load = () => {
      if (!frame || version === 0) return;
      const url = `/resultats/${shown}.html?v=${version}`;
      if (url === loaded) return;
      const y = frame.contentWindow && loaded.startsWith(`/resultats/${shown}.`) ? frame.contentWindow.scrollY : 0;
      frame.addEventListener(
        'load',
        () => {
          fit();
          if (y) frame.contentWindow?.scrollTo(0, y);
        },
        { once: true },
      );
      frame.src = url;
      loaded = url;
    };
    window.addEventListener('resize', fit);
    return (state: {
      version: number;
      documents: { id: string; titre: string }[];
      erreurs: string[];
      message: string;
    }) => {
      if (status) status.textContent = state.message;
      if (errors) {
        errors.hidden = state.erreurs.length === 0;
        (errors.querySelector('ul') as HTMLElement).replaceChildren(
          ...state.erreurs.map((line) => element('li', {}, line)),
        );
      }
      if (!state.documents.some((each) => each.id === shown)) shown = state.documents[0]?.id ?? 'restitution';
      buttons?.replaceChildren(
        ...state.documents.map((each) => {
          const button = element(
            'button',
            { type: 'button', 'aria-pressed': String(each.id === shown), 'data-resultat': each.id },
            each.titre,
          );
          button.addEventListener('click', () => {
            shown = each.id;
            for (const other of Array.from(buttons.querySelectorAll('button')))
              other.setAttribute('aria-pressed', String(other === button));
            load();
          });
          return button;
        }),
      );
      version = state.version;
      document.body.dataset.versionResultats = String(version);
      load();
    };
  })();
  events?.addEventListener('resultats', (event: Event) => resultsView(JSON.parse((event as MessageEvent).data)));
  events?.addEventListener('fichier', (event: Event) => {
    const { formulaire, version } = JSON.parse((event as MessageEvent).data) as { formulaire: string; version: string };
    forms.get(formulaire)?.fileChanged(version);
  });
}
