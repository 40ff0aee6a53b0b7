"""Corrections to the Spanish catalogue (src/recoverycli/locale/es/LC_MESSAGES/recover.po),
from the native-speaker language review (branch n-es). Only entries that change.

Keys are the exact English msgids (a tuple (singular, plural) for plural entries, whose
value is then the tuple of the two Spanish forms); placeholders are kept as they are.
"""

ES = {
    # --- gender and agreement -------------------------------------------------------------
    # "open" is both a session's status (la sesión) and a step's (el paso): "abierto" was
    # wrong for the session (beside "terminada"); "en curso" fits both.
    "open": "en curso",
    # A step the call never got to: "sin llegar" is not said of a step.
    "not reached": "no alcanzado",
    # The outcome line: "valorado" agreed with nothing ("Volvió, valorado 4/5").
    ", rated {rating}/5": ", valoración: {rating}/5",
    # "{count} flagged:" is not a plural entry: "1 señaladas:" was wrong at 1.
    "{count} flagged:": "Señaladas: {count}",
    # The hidden lines are "líneas" (feminine): "v los muestra todos" pointed at nothing.
    ("… {count} more line of steps: v shows them all",
     "… {count} more lines of steps: v shows them all"): (
        "… {count} línea más de pasos: v las muestra todas",
        "… {count} líneas más de pasos: v las muestra todas"),

    # --- calques and wording a Spanish-speaking agent would find odd ----------------------
    "Your follow-ups due today or overdue; act on them.":
        "Sus seguimientos para hoy o atrasados, para atenderlos.",
    "a paste is not a key here": "aquí no se puede pegar texto, solo pulsar teclas",
    "Erase sessions for good.": "Borra sesiones definitivamente.",
    "After {author}, “{title}”": "Basado en {author}, «{title}»",
    "Sessions newest first, or one shown again.":
        "Las sesiones, de la más reciente a la más antigua, o una de ellas en detalle.",
    "List sessions, newest first.": "Lista las sesiones, de la más reciente a la más antigua.",
    "Quiz yourself on the playbooks.": "Preguntas para ponerse a prueba con los guiones.",
    "Follow-up for {who} moved to {when}.": "El seguimiento de {who} pasa al {when}.",
    "jumped from step {number} to step {now}": "desvío del paso {number} al paso {now}",
    "no follow-up date in the past; run again with a later date":
        "la fecha de seguimiento no puede estar en el pasado; vuelva a ejecutarlo con una fecha "
        "posterior",
    "kept as a note marked coach draft (the summary leaves it out)":
        "guardada como nota, con la marca de borrador del entrenador (el resumen la deja fuera)",
    "(Enter keeps it, empty deletes it, Esc leaves it)":
        "(Enter la guarda; si la deja vacía, se borra; Esc la deja igual)",
    "d coach drafts in/out": "d incluir/excluir borradores",
    "n note (or just type)": "n nota (o empiece a escribir)",
    "done: this step is done, go on": "hecho: paso completado, continuar",
    "Write nothing to disk: no session, no resume.":
        "No escribe nada en disco: no queda sesión ni se puede continuar después.",
    "login name": "nombre de usuario",
    "Send sessions kept locally to the team store.":
        "Envía al almacén del equipo las sesiones guardadas localmente.",
    # "tapar" (to cover) is not how a later folder overriding an earlier one is said.
    "Also read playbooks from DIR (repeatable; shadows the others).":
        "Lee también los guiones de DIR (se puede repetir; tiene prioridad sobre los demás).",
    "playbook folders, read in this order (later ones shadow earlier):":
        "carpetas de guiones, leídas en este orden (las posteriores tienen prioridad sobre las "
        "anteriores):",
    "Where the config file, the data and the cache are, the playbook folders in the order they "
    "are read (later ones shadow earlier), the store in use (its password masked) and whether it "
    "answers, the interface's language, the version, and the optional extras installed.":
        "Dónde están el archivo de configuración, los datos y la caché, las carpetas de guiones en "
        "el orden en que se leen (las posteriores tienen prioridad sobre las anteriores), el "
        "almacén en uso (con la contraseña oculta) y si responde, el idioma de la interfaz, la "
        "versión y los extras opcionales instalados.",
    # Exit codes: "sale con 0" is not said; "termina con el código 0" is.
    "Check playbook files and report every problem as FILE:LINE:COL: path: message.\n\n"
    "Exits 0 when all are valid, 1 when any is not, 2 for a usage error.":
        "Comprueba archivos de guiones e informa de cada problema como ARCHIVO:LÍNEA:COL: ruta: "
        "mensaje.\n\nTermina con el código 0 si todos son válidos, 1 si alguno no lo es y 2 si hay "
        "un error de uso.",
    "Everything validate reports, plus the wording coach over every 'say' line, and the "
    "translations a playbook is missing or that are stale: FILE:LINE:COL: rule: message. Exits 1 "
    "when anything was found.":
        "Todo lo que informa validate, más el entrenador de redacción sobre cada línea 'say' y las "
        "traducciones que le faltan a un guion o que han quedado desfasadas: ARCHIVO:LÍNEA:COL: "
        "regla: mensaje. Termina con el código 1 si encuentra algo.",
    "Walk a playbook step by step, one key per action, and end with a checklist.\n\n"
    "Keys: Enter done, 1-9 answer, s skip, n note, e edit note, b back, j jump, f field, q save & "
    "quit, ? help. Every answer is saved before the next step is drawn; Ctrl-C exits 130, saved. "
    "Options given here win over an --answers file's fields. When stdout is not a terminal "
    "(recover run hyken > ticket.txt) the screens go to the terminal and only the summary to "
    "stdout.":
        "Recorre un guion paso a paso, una tecla por acción, y termina con una lista de "
        "verificación.\n\nTeclas: Enter hecho, 1-9 responder, s saltar, n nota, e editar nota, "
        "b atrás, j desvío, f campo, q guardar y salir, ? ayuda. Cada respuesta se guarda antes de "
        "mostrar el paso siguiente; Ctrl-C sale con el código 130, con todo guardado. Las opciones "
        "dadas aquí prevalecen sobre los campos de un archivo --answers. Cuando la salida estándar "
        "no es una terminal (recover run hyken > ticket.txt), las pantallas van a la terminal y "
        "solo el resumen a la salida estándar.",

    # --- neutral Spanish (Spain and Latin America) ----------------------------------------
    # "rellenar" is Spain's; "completar" is understood everywhere.
    "Fill in a case field (repeatable).": "Completa un campo del caso (se puede repetir).",
    "The case first: Enter keeps a value; a required one must be filled.":
        "Primero el caso: Enter guarda un valor; los obligatorios deben completarse.",
    "fill in or change a case field": "completar o cambiar un campo del caso",
    # "Intro" is Spain's keyboard; every other string says Enter.
    "Title of the new playbook (Enter: decide later):":
        "Título del guion nuevo (Enter: decidir más tarde):",
    "Who the advice comes from (Enter: decide later):":
        "De quién procede el consejo (Enter: decidir más tarde):",

    # --- consistency of terms -------------------------------------------------------------
    # "por omisión" beside "por defecto": one term, "por defecto".
    "The team (default: 'team' in config.toml).": "El equipo (por defecto: 'team' en config.toml).",
    "Who runs it (default: 'agent' in config.toml, or the login name).":
        "Quién lo ejecuta (por defecto: 'agent' en config.toml, o el nombre de usuario).",
    "Write md, html and ics in this language (en, es); default: the session's summary language "
    "(run --summary-lang), else yours.":
        "Escribe md, html e ics en este idioma (en, es); por defecto, el idioma del resumen de la "
        "sesión (run --summary-lang) o, si no, el suyo.",
    # The wording coach: "entrenador de redacción" (lint's help), not "de expresiones".
    "Role-play a scenario with the wording coach.":
        "Practica un escenario con el entrenador de redacción.",
    # Option help in the third person, like the others ("Muestra...", "Escribe..."), not the
    # infinitive.
    "Also use this rules file (repeatable): add rules, or switch built-in ones off with 'disable'.":
        "Usa también este archivo de reglas (se puede repetir): añade reglas o desactiva las "
        "incluidas con 'disable'.",
    "Write it here (default: your playbook folder).":
        "Lo escribe aquí (por defecto: su carpeta de guiones).",
    "Print the JSON Schema of the playbook format, for editors (yaml-language-server).":
        "Muestra el JSON Schema del formato de guiones, para los editores (yaml-language-server).",
    # A legend says each key's action the same way: "k guardar · Enter volver".
    "k keep as a note · Enter back to the step": "k guardar como nota · Enter volver al paso",
    "Enter done · Esc back to the step": "Enter hecho · Esc volver al paso",
    # The follow-up's units: "1w" means nothing to a Spanish speaker unless said.
    "Follow-up: YYYY-MM-DD, 2d, 1w, tomorrow, a weekday (friday, next tue), optionally with a time "
    "(else asked at the end).":
        "Seguimiento: AAAA-MM-DD, 2d (días), 1w (semanas), mañana, un día de la semana (viernes, "
        "el próximo martes), con una hora si quiere (si no, se pregunta al final).",

    # --- second pass ----------------------------------------------------------------------
    # A column header of dates: "vence" is a verb; the column holds the date.
    "due": "fecha",
    # "olvidar" sessions is not how deleting data is said (forget's help says "Borra").
    "Forget the store's sessions older than N days (the team's call).":
        "Elimina del almacén las sesiones de más de N días (decisión del equipo).",
    "Plain lines, GitHub Actions annotations, or JSON.":
        "Texto plano, anotaciones de GitHub Actions o JSON.",
    "Refuse files larger than this (default 1 MiB, or RECOVER_MAX_PLAYBOOK_BYTES).":
        "Rechaza archivos de más de este tamaño (por defecto 1 MiB, o RECOVER_MAX_PLAYBOOK_BYTES).",
}
