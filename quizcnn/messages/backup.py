"""Messages of export, import, backups and `quizcnn db`: see quizcnn/messages/__init__.py.

The backup package makes them as ``quizcnn.backup.msg.Msg`` (English text plus key and
fields); the commands say them in the command line's language. Counted things come in pairs:
``KEY`` for many and ``KEY_1`` for exactly one.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # pieces
    "bk_sep": (", ", "、"),
    "bk_cmd_error": ("quizcnn {command}: {text}", "quizcnn {command}：{text}"),
    "bk_path_reason": ("{path}: {reason}", "{path}：{reason}"),
    "bk_none": ("nothing", "无"),
    "bk_more": ("... and {n} more", "……还有 {n} 项"),
    "bk_default": ("(default)", "默认值"),
    "bk_unset": ("(unset)", "未设置"),
    "bk_the_defaults": ("the defaults", "默认参数"),
    # the sections of a backup, by name (the key in the file)
    "bk_sec_settings": ("settings", "学习设置"),
    "bk_sec_cards": ("cards", "卡片"),
    "bk_sec_sessions": ("sessions", "练习记录"),
    "bk_sec_reviews": ("reviews", "复习记录"),
    "bk_sec_fsrs_parameters": ("fsrs_parameters", "FSRS 参数"),
    "bk_sec_interviews": ("interviews", "模拟面试"),
    "bk_sec_plan": ("plan", "面试计划"),
    "bk_sec_shipped_bank": ("shipped_bank", "内置题库"),
    "bk_sec_user_questions": ("user_questions", "你的题目"),
    "bk_sec_drafts": ("drafts", "草稿"),
    "bk_sec_keymap": ("keymap", "按键设置"),
    "bk_sec_preferences": ("preferences", "偏好设置"),
    # what each section holds, in short (the part of Section.holds before a colon)
    "bk_what_settings": (
        "study settings (daily limits, retention, learning steps, ...)",
        "学习设置（每日上限、记忆保持率、学习步长等）",
    ),
    "bk_what_cards": (
        "one card per question",
        "每道题的卡片",
    ),
    "bk_what_sessions": ("drill sessions (start, end, counts)", "练习记录（开始、结束、题数）"),
    "bk_what_reviews": ("every answer you gave (the review log)", "你的每一次作答（复习记录）"),
    "bk_what_fsrs_parameters": (
        "FSRS parameters fitted to your reviews by 'db optimize', and which one is in use",
        "'db optimize' 根据你的复习记录拟合的 FSRS 参数，以及正在使用哪一组",
    ),
    "bk_what_interviews": ("your mock interviews (quizcnn interview)",
                           "你的模拟面试（quizcnn interview）"),
    "bk_what_plan": ("the interview date plan", "面试日期计划"),
    "bk_what_shipped_bank": ("shipped bank", "内置题库"),
    "bk_what_user_questions": ("your question files", "你的题目文件"),
    "bk_what_drafts": ("drafts", "草稿"),
    "bk_what_keymap": ("keymap", "按键设置"),
    "bk_what_preferences": ("preferences", "偏好设置"),
    # why a file was refused (quizcnn.fileio's reasons, see backup.msg.reason)
    "bk_r_not_regular_read": ("{what}, not a regular file; not read",
                              "是{what}，不是普通文件；未读取"),
    "bk_r_not_regular_write": (
        "{what}, not a regular file; only regular files are written, so it was left as it is",
        "是{what}，不是普通文件；只会写入普通文件，因此保持原样",
    ),
    "bk_r_not_regular": ("{what}, not a regular file", "是{what}，不是普通文件"),
    "bk_r_too_large": ("too large ({size}; the limit is {cap})", "文件太大（{size}；上限为 {cap}）"),
    "bk_r_too_large_over": ("too large (over {cap})", "文件太大（超过 {cap}）"),
    "bk_r_not_utf8_at": ("not UTF-8 text (bad byte at offset {n})",
                         "不是 UTF-8 文本（偏移 {n} 处有无效字节）"),
    "bk_r_not_utf8": ("not UTF-8 text", "不是 UTF-8 文本"),
    "bk_r_folder_target": ("a folder; give a file name inside it",
                           "这是一个文件夹；请给出其中的文件名"),
    "bk_r_no_folder": ("no such folder; create it first", "文件夹不存在；请先创建"),
    "bk_r_not_folder": ("not a folder", "不是文件夹"),
    "bk_r_exists": (
        "already exists; it was left as it is (use --force to replace it)",
        "已存在，保持原样（用 --force 替换）",
    ),
    "bk_r_folder_not_writable": ("folder not writable", "文件夹不可写"),
    "bk_r_cannot_write": ("cannot write ({why})", "无法写入（{why}）"),
    "bk_r_missing": ("no such file or directory", "文件或目录不存在"),
    "bk_r_permission": ("permission denied", "没有权限"),
    "bk_r_is_dir": ("is a directory", "是一个目录"),
    "bk_r_not_dir": ("not a directory", "不是目录"),
    "bk_r_read_only_fs": ("read-only file system", "文件系统只读"),
    "bk_r_disk_full": ("no space left on device", "磁盘空间不足"),
    "bk_k_file": ("a regular file", "普通文件"),
    "bk_k_folder": ("a folder", "文件夹"),
    "bk_k_symlink": ("a symbolic link", "符号链接"),
    "bk_k_fifo": ("a FIFO (named pipe)", "命名管道（FIFO）"),
    "bk_k_socket": ("a socket", "套接字"),
    "bk_k_device": ("a device", "设备文件"),
    "bk_k_other": ("not a regular file", "非普通文件"),
    # quizcnn export
    "export_both": (
        "give either a backup FILE.json or --anki FILE.apkg, not both",
        "请只给出备份文件 FILE.json 或 --anki FILE.apkg 中的一个，不要同时给出",
    ),
    "export_no_file": (
        "give the backup file to write (FILE.json), or --anki FILE.apkg",
        "请给出要写入的备份文件（FILE.json），或使用 --anki FILE.apkg",
    ),
    "export_done": ("exported to {path}: {counts}", "已导出到 {path}：{counts}"),
    "export_count": ("{name} {n}", "{name} {n}"),
    "export_left_out": ("left out:", "未包含的内容："),
    "export_no_db": (
        "no progress database at {path}; nothing was created there, and there is no progress "
        "to include",
        "{path} 处没有学习进度数据库；没有在那里创建任何文件，也没有可以包含的进度",
    ),
    # quizcnn import
    "import_what_differs": ("what differs:", "不同之处："),
    "import_how": (
        "use --merge to add what is missing (yours kept where they differ), "
        "or --force to let the backup's win",
        "可用 --merge 只补上缺少的内容（有不同之处时保留你的），"
        "或用 --force 让备份中的内容优先",
    ),
    "import_nothing": (
        "nothing to import: this home already holds everything in {file}",
        "无需导入：这里已经有 {file} 中的全部内容",
    ),
    "import_done_new": ("restored from {file}: {what}", "已从 {file} 恢复：{what}"),
    "import_done_merge": ("merged from {file}: {what}", "已从 {file} 合并：{what}"),
    "import_done_force": ("restored (--force) from {file}: {what}",
                          "已从 {file} 恢复（--force）：{what}"),
    "import_db_copy": ("the database as it was is kept in {path}",
                       "导入前的数据库已保存在 {path}"),
    "import_not_restored": ("not restored (this quizcnn cannot):",
                            "未恢复（此版本的 quizcnn 无法恢复）："),
    "import_refused": ("refused:", "已拒绝："),
    # the importer (backup.run)
    "bk_unknown_section": (
        "{name}: not known to this quizcnn (made by a newer one?); not restored",
        "{name}：此版本的 quizcnn 不认识这一部分（可能由更新的版本生成），未恢复",
    ),
    "bk_newer_layout": (
        "{name}: layout version {version}, this quizcnn reads up to {mine} "
        "(upgrade quizcnn to restore {what}); not restored",
        "{name}：格式版本为 {version}，此版本的 quizcnn 最高只能读取 {mine}"
        "（升级 quizcnn 后才能恢复{what}），未恢复",
    ),
    "bk_blocked": (
        "{name}: refers to {blocked}, which could not be restored; not restored",
        "{name}：引用了无法恢复的{blocked}，未恢复",
    ),
    "bk_home_not_empty": (
        "this home already has {names}; nothing was imported from {path}",
        "这里已经有{names}；没有从 {path} 导入任何内容",
    ),
    "bk_restore_failed": ("{path}: {name}: {error}; nothing was imported",
                          "{path}：{name}：{error}；没有导入任何内容"),
    # the backup file (backup.archive)
    "bk_cannot_read": ("cannot read {what}", "无法读取 {what}"),
    "bk_not_utf8": ("{path} is not a quizcnn export (not UTF-8 text)",
                    "{path} 不是 quizcnn 导出的文件（不是 UTF-8 文本）"),
    "bk_bad_json": ("{path} is not a quizcnn export (bad JSON: {error})",
                    "{path} 不是 quizcnn 导出的文件（JSON 有误：{error}）"),
    "bk_no_format": ('{path} is not a quizcnn export (no "format": "{format}")',
                     '{path} 不是 quizcnn 导出的文件（没有 "format": "{format}"）'),
    "bk_bad_format_version": ("{path}: format_version {value} is not one quizcnn wrote",
                              "{path}：format_version {value} 不是 quizcnn 写出的版本"),
    "bk_sections_not_object": ('{path}: "sections" must be an object',
                               '{path}："sections" 必须是一个对象'),
    "bk_not_a_section": (
        '{name}: not a section (no "version" and "data"); not restored',
        '{name}：不是有效的部分（缺少 "version" 和 "data"），未恢复',
    ),
    "bk_old_version": (
        "{path} is export version {value}; this quizcnn reads versions 1 and 2",
        "{path} 的导出版本为 {value}；此版本的 quizcnn 只能读取版本 1 和 2",
    ),
    # sections (backup.section and the sections' checks)
    "bk_must_be_list": ("{where}: must be a list", "{where}：必须是列表"),
    "bk_must_be_object": ("{where}: must be an object", "{where}：必须是对象"),
    "bk_entry_refused": ("{name}: {error}; not restored", "{name}：{error}；未恢复"),
    # errors of the store and of study settings, said at the command line
    # (quizcnn.backup.store_errors matches the store's English forms)
    "st_doing_read": ("read", "读取"),
    "st_doing_write": ("write", "写入"),
    "st_doing_open": ("open", "打开"),
    "st_busy": (
        "database busy: {path} is in use by another program (waited {s} s); try again",
        "数据库忙：{path} 正被其他程序使用（已等待 {s} 秒），请稍后再试",
    ),
    "st_disk_full": (
        "disk full: could not write to {path}; the last change was not saved",
        "磁盘已满：无法写入 {path}，最后一次更改没有保存",
    ),
    "st_damaged": (
        "{path} is damaged ({why}); it was left untouched. Restore a copy from its backups/ "
        "folder or run 'quizcnn db check'",
        "{path} 已损坏（{why}），未做任何改动。请从它旁边的 backups/ 文件夹恢复一份副本，"
        "或运行 'quizcnn db check'",
    ),
    "st_read_only": ("cannot {doing} {path}: the file or its folder is read-only",
                     "无法{doing} {path}：文件或其所在文件夹是只读的"),
    "st_cannot_open": ("cannot open {path}: the folder is missing or not writable",
                       "无法打开 {path}：文件夹不存在或不可写"),
    "st_broken_link": ("{path} is a broken symbolic link; pass --db FILE",
                       "{path} 是失效的符号链接；请用 --db FILE 指定数据库"),
    "st_folder": ("{path} is a folder, not a progress database; pass --db FILE",
                  "{path} 是文件夹，不是学习进度数据库；请用 --db FILE 指定数据库"),
    "st_not_regular": (
        "{path} is {what}, not a progress database; it was left untouched (pass --db FILE)",
        "{path} 是{what}，不是学习进度数据库；未做任何改动（请用 --db FILE 指定数据库）",
    ),
    "st_not_sqlite": (
        "{path} is not an SQLite database; it was left untouched (move it away or choose "
        "another file with --db)",
        "{path} 不是 SQLite 数据库；未做任何改动（请把它移走，或用 --db 选择其他文件）",
    ),
    "st_not_quizcnn": ("{path} is an SQLite database but not a quizcnn one; it was left untouched",
                       "{path} 是 SQLite 数据库，但不是 quizcnn 的数据库；未做任何改动"),
    "st_backup_failed": (
        "could not back up {path} to {folder} ({why}); the database was not changed",
        "无法将 {path} 备份到 {folder}（{why}）；数据库没有改动",
    ),
    "st_newer": (
        "{path} was written by a newer quizcnn (schema {rev}; this one knows up to {head}); "
        "it was left untouched: upgrade quizcnn to use it",
        "{path} 由更新版本的 quizcnn 写入（数据库结构 {rev}，此版本最高支持 {head}）；"
        "未做任何改动：请升级 quizcnn 后再使用",
    ),
    "st_none_read": (
        "{path}: no progress database; nothing was read or created (check --db or "
        "QUIZCNN_DB; a new database is made when you first study)",
        "{path}：没有学习进度数据库；没有读取或创建任何内容（请检查 --db 或 QUIZCNN_DB；"
        "第一次学习时会新建数据库）",
    ),
    "st_empty_read": (
        "{path}: an empty file; nothing was read or created (check --db or "
        "QUIZCNN_DB; a new database is made when you first study)",
        "{path}：是空文件；没有读取或创建任何内容（请检查 --db 或 QUIZCNN_DB；"
        "第一次学习时会新建数据库）",
    ),
    "st_needs_upgrade": (
        "{path} needs an upgrade (schema {rev} to {head}) and its folder is not writable; "
        "open it once where it can be written",
        "{path} 需要升级（数据库结构 {rev} → {head}），但所在文件夹不可写；"
        "请在可写的位置打开它一次",
    ),
    "st_cannot_mkdir": ("cannot create the folder for {path}: {why}",
                        "无法为 {path} 创建文件夹：{why}"),
    "st_cannot": ("cannot {doing} {path}: {why}", "无法{doing} {path}：{why}"),
    "st_unknown_setting": ("unknown setting '{name}' (known: {known})",
                           "没有名为“{name}”的设置（可用的设置：{known}）"),
    "st_bad_setting": ("bad value for setting '{name}': {value} (expected {wanted})",
                       "设置“{name}”的值无效：{value}（应为 {wanted}）"),
    "st_w_retention": ("a number from 0.7 to 0.99", "0.7 到 0.99 之间的数"),
    "st_w_learning_steps": ("a list of minutes, each 1 to 1440, e.g. [1, 10]",
                            "分钟数的列表，每项 1 到 1440，如 [1, 10]"),
    "st_w_relearning_steps": ("a list of minutes, each 1 to 1440, e.g. [10]",
                              "分钟数的列表，每项 1 到 1440，如 [10]"),
    "st_w_max_interval": ("a whole number of days from 1 to 36500", "1 到 36500 之间的整数天数"),
    "st_w_bool": ("true or false", "true 或 false"),
    "st_w_new_per_day": ("a whole number from 0 to 9999", "0 到 9999 之间的整数"),
    "st_w_reviews_per_day": ("a whole number from 0 to 99999", "0 到 99999 之间的整数"),
    "st_w_rollover": ("a whole hour from 0 to 23", "0 到 23 之间的整点"),
    "st_w_leech": ("a whole number from 1 to 999", "1 到 999 之间的整数"),
    "st_w_learn_ahead": ("a whole number of minutes from 0 to 1440", "0 到 1440 之间的整数分钟"),
    "st_few_reviews": (
        "{n} reviews on a later day than the card's previous review; db optimize needs at "
        "least {least} (FSRS fits 21 parameters; with fewer reviews across days the fit follows "
        "noise, and the most recent fifth held out to check it would be too small to tell two "
        "models apart)",
        "只有 {n} 次复习发生在该卡片上次复习之后的某一天；db optimize 至少需要 {least} 次"
        "（FSRS 要拟合 21 个参数；跨天的复习更少时，拟合只会追随噪声，而留作检验的最近五分之一"
        "也太少，分不出两个模型的优劣）",
    ),
    "st_fit_failed": ("the FSRS optimizer could not fit this history: {why}",
                      "FSRS 优化器无法拟合这份复习记录：{why}"),
    "st_repeat_bank_id": (
        "{where}: {table}[{i}] has the same bank id '{id}' as {table}[{j}]; an export has "
        "each only once, so the file was edited or joined from two exports. Nothing was "
        "imported: keep one of the two entries (or import each export on its own with --merge, "
        "which adds only what is missing)",
        "{where}：{table}[{i}] 与 {table}[{j}] 的题库 id 相同（“{id}”）；一份导出中每项只出现"
        "一次，所以这个文件被改动过，或是由两份导出拼成的。没有导入任何内容：请只保留两项中的"
        "一项（或用 --merge 分别导入每份导出，它只会补上缺少的内容）",
    ),
    "st_repeat_id": (
        "{where}: {table}[{i}] has the same id {id} as {table}[{j}]; an export has "
        "each only once, so the file was edited or joined from two exports. Nothing was "
        "imported: keep one of the two entries (or import each export on its own with --merge, "
        "which adds only what is missing)",
        "{where}：{table}[{i}] 与 {table}[{j}] 的 id 相同（{id}）；一份导出中每项只出现"
        "一次，所以这个文件被改动过，或是由两份导出拼成的。没有导入任何内容：请只保留两项中的"
        "一项（或用 --merge 分别导入每份导出，它只会补上缺少的内容）",
    ),
    "st_expected_object": ("{where}: expected an object", "{where}：应为对象"),
    "st_missing_field": ("{where}: missing field '{name}'", "{where}：缺少字段“{name}”"),
    "st_not_datetime": ("{where}: '{name}' is not a date-time: {value}",
                        "{where}：“{name}”不是日期时间：{value}"),
    "st_bad_field": ("{where}: bad value for '{name}': {value}",
                     "{where}：“{name}”的值无效：{value}"),
    # the database sections (backup.progress)
    "bk_json_error": ("{msg}: line {line} column {col} (char {pos})",
                      "第 {line} 行第 {col} 列（第 {pos} 个字符）：{msg}"),
    "bk_json_value": ("Expecting value", "此处应有一个值"),
    "bk_json_name": ("Expecting property name enclosed in double quotes",
                     "此处应有用双引号括起的键名"),
    "bk_json_string": ("Unterminated string starting at", "从此处开始的字符串没有结束"),
    "bk_json_extra": ("Extra data", "多余的数据"),
    "bk_json_comma": ("Expecting ',' delimiter", "此处应有分隔符 ','"),
    "bk_json_colon": ("Expecting ':' delimiter", "此处应有分隔符 ':'"),
    "bk_json_control": ("Invalid control character at", "此处有无效的控制字符"),
    "bk_json_escape": ("Invalid \\escape", "无效的转义序列"),
    "bk_n_setting": ("{n} settings", "{n} 项设置"),
    "bk_n_setting_1": ("{n} setting", "{n} 项设置"),
    "bk_n_card": ("{n} cards", "{n} 张卡片"),
    "bk_n_card_1": ("{n} card", "{n} 张卡片"),
    "bk_n_new_card": ("{n} new cards", "{n} 张新卡片"),
    "bk_n_new_card_1": ("{n} new card", "{n} 张新卡片"),
    "bk_n_session": ("{n} sessions", "{n} 次练习"),
    "bk_n_session_1": ("{n} session", "{n} 次练习"),
    "bk_n_review": ("{n} reviews", "{n} 条复习记录"),
    "bk_n_review_1": ("{n} review", "{n} 条复习记录"),
    "bk_restored_n": ("{name}: {count} restored", "{name}：已恢复 {count}"),
    "bk_added_n": ("{name}: {count} added", "{name}：新增 {count}"),
    "bk_added_n_here": ("{name}: {count} added, {here} already here",
                        "{name}：新增 {count}，另有 {here} 条这里已经有了"),
    "bk_unknown_fields": (
        "{name}: fields {fields} not known to this quizcnn (made by a newer one?); "
        "restored without them",
        "{name}：此版本的 quizcnn 不认识字段 {fields}（可能由更新的版本生成），"
        "恢复时略去了这些字段",
    ),
    "bk_unknown_fields_1": (
        "{name}: field {fields} not known to this quizcnn (made by a newer one?); "
        "restored without them",
        "{name}：此版本的 quizcnn 不认识字段 {fields}（可能由更新的版本生成），"
        "恢复时略去了该字段",
    ),
    "bk_unknown_setting": (
        "{name}: {key} is not a setting this quizcnn knows (made by a newer one?); not restored",
        "{name}：{key} 不是此版本的 quizcnn 认识的设置（可能由更新的版本生成），未恢复",
    ),
    "bk_setting_differs": ("{name}: {key} = {mine} here, {theirs} in the backup",
                           "{name}：{key} 在这里是 {mine}，在备份中是 {theirs}"),
    "bk_setting_kept": ("{name}: kept your {key} = {mine} (the backup has {value})",
                        "{name}：保留了你的 {key} = {mine}（备份中是 {value}）"),
    "bk_setting_replaced": ("{name}: {key} = {value} replaces your {mine}",
                            "{name}：{key} = {value} 替换了你的 {mine}"),
    "bk_cards_differ": (
        "{name}: {differ} with another schedule or state here, {only_here} studied only here, "
        "{only_there} only in the backup",
        "{name}：{differ} 张在这里的复习安排或状态不同，{only_here} 张只在这里学过，"
        "{only_there} 张只在备份中",
    ),
    "bk_cards_updated": ("{name}: {added}, {updated} updated from the backup",
                         "{name}：{added}，按备份更新了 {updated} 张"),
    "bk_cards_merged": (
        "{name}: {added}, {updated} updated from the backup "
        "(the one reviewed last keeps its schedule)",
        "{name}：{added}，按备份更新了 {updated} 张（以最近复习过的一方的复习安排为准）",
    ),
    "bk_set_differ": (
        "{name}: {both} in both, {only_here} only here, {only_there} only in the backup",
        "{name}：两边都有 {both} 条，只在这里有 {only_here} 条，只在备份中有 {only_there} 条",
    ),
    "bk_review_no_card": ("reviews[{i}] points to card {card}, which is not in the backup",
                          "reviews[{i}] 指向卡片 {card}，但备份中没有这张卡片"),
    "bk_review_no_session": (
        "reviews[{i}] points to session {session}, which is not in the backup",
        "reviews[{i}] 指向练习记录 {session}，但备份中没有这条记录",
    ),
    # the file sections (backup.files): your question files, drafts, keymap
    "bk_label_questions": ("questions", "题目文件"),
    "bk_label_drafts": ("drafts", "草稿"),
    "bk_p_no_path": ("no path", "没有路径"),
    "bk_p_backslash": ("a backslash in the path", "路径中有反斜杠"),
    "bk_p_absolute": ("an absolute path", "是绝对路径"),
    "bk_p_dots": ("'..', '.' or an empty part in the path", "路径中有 '..'、'.' 或空的部分"),
    "bk_p_control": ("a control character in the path", "路径中有控制字符"),
    "bk_p_hidden": ("a hidden name in the path", "路径中有隐藏的名字（以 . 开头）"),
    "bk_p_deep": ("more than {n} folders deep", "文件夹层级超过 {n} 层"),
    "bk_p_long_name": ("a name longer than 255 bytes", "有名字长于 255 字节"),
    "bk_p_no_text": ("no text", "没有文本"),
    "bk_p_larger": ("larger than {mb} MB", "大于 {mb} MB"),
    "bk_p_same_path": ("a second entry with the same path", "与另一项的路径相同"),
    "bk_p_many": ("more than {n} files", "文件超过 {n} 个"),
    "bk_link_not_exported": ("{where}: a symbolic link; not exported", "{where}：是符号链接，未导出"),
    "bk_not_exported": ("{where}: {error}; not exported", "{where}：{error}；未导出"),
    "bk_too_many_copies": ("too many copies named {base}", "名为 {base} 的副本太多"),
    "bk_tally": ("{name}: {written} restored, {same} already here",
                 "{name}：恢复了 {written} 个，{same} 个这里已经有了"),
    "bk_tally_conflicts": (
        "{name}: {written} restored, {same} already here, {conflicts} differing (listed above)",
        "{name}：恢复了 {written} 个，{same} 个这里已经有了，{conflicts} 个不同（见上文）",
    ),
    "bk_root_not_folder": ("{root} is not a folder", "{root} 不是文件夹"),
    "bk_in_the_way": ("{what} is in the way ({where})", "路径上有{what}挡着（{where}）"),
    "bk_is_there": ("{what} is there", "那里是{what}"),
    "bk_cannot_compare": ("yours cannot be compared ({error})", "无法与你的文件比较（{error}）"),
    "bk_replaced_kept": (
        "{name}: replaced by the backup's; yours is kept as {aside}",
        "{name}：已换成备份中的版本；你原来的版本另存为 {aside}",
    ),
    "bk_differs_kept": (
        "{name}: yours differs from the backup's and was kept; the backup's is in "
        "{copy} (compare them and keep what you want)",
        "{name}：你的版本与备份中的不同，已保留你的；备份中的版本写在 {copy}"
        "（请对比后留下想要的）",
    ),
    "bk_st_differs": ("differs", "与备份中的不同"),
    "bk_st_only_here": ("only here", "只在这里有"),
    "bk_st_only_backup": ("only in the backup", "只在备份中有"),
    "bk_file_state": ("{where}: {state}", "{where}：{state}"),
    # quizcnn db
    "db_reset_alone": ("--reset goes with 'db optimize' only",
                       "--reset 只能与 'db optimize' 一起使用"),
    "db_nothing_to_back_up": ("{path} has no progress yet; nothing to back up",
                              "{path} 还没有学习进度，无需备份"),
    "db_backed_up": ("backed up {path} to {dest}", "已将 {path} 备份到 {dest}"),
    "db_no_db_yet": ("{path}: no database yet (it is created when you first study)",
                     "{path}：还没有数据库（第一次学习时会创建）"),
    "db_empty_db": ("{path}: an empty database (set up when you first study)",
                    "{path}：空数据库（第一次学习时会初始化）"),
    "db_fk_problem": ("{table} row {rowid} points to a missing {parent} row",
                      "表 {table} 的第 {rowid} 行指向表 {parent} 中不存在的行"),
    "db_database": ("database: {path}", "数据库：{path}"),
    "db_schema_current": ("schema: {rev} (current)", "数据库结构：{rev}（最新）"),
    "db_schema_older": (
        "schema: {rev} (older; upgraded with a backup the next time quizcnn opens it)",
        "数据库结构：{rev}（较旧；quizcnn 下次打开它时会先备份再升级）",
    ),
    "db_schema_newer": (
        "schema: {rev} (from a newer quizcnn; this version will not change it)",
        "数据库结构：{rev}（来自更新版本的 quizcnn；此版本不会改动它）",
    ),
    "db_contents": ("contents: {cards}, {reviews}, {orphans}", "内容：{cards}，{reviews}，{orphans}"),
    "db_n_orphan": ("{n} orphaned cards", "{n} 张孤立卡片（题库中已没有对应题目）"),
    "db_n_orphan_1": ("{n} orphaned card", "{n} 张孤立卡片（题库中已没有对应题目）"),
    "db_problems": ("PROBLEMS ({n}):", "发现 {n} 个问题："),
    "db_problem": ("PROBLEM:", "发现一个问题："),
    "db_problems_what_now": (
        "Restore a copy from the backups/ folder next to the database, or export what "
        "can be read with 'quizcnn export'.",
        "请从数据库旁边的 backups/ 文件夹恢复一份副本，或用 'quizcnn export' 导出仍能读取的内容。",
    ),
    "db_integrity_ok": (
        "integrity: ok (every page and index readable, every reference valid)",
        "完整性：正常（所有页面和索引都可读取，所有引用都有效）",
    ),
    "db_settings_args": ("settings needs a NAME and a VALUE (or neither)",
                         "'db settings' 需要同时给出 NAME 和 VALUE（或者都不给）"),
    "db_settings_defaults": ("no database at {path} yet; these are the defaults",
                             "{path} 处还没有数据库；以下是默认值"),
    "db_setting_default": ("  (default {value})", "  （默认 {value}）"),
    "db_fsrs_already_default": ("FSRS parameters: already the defaults", "FSRS 参数：已经是默认值"),
    "db_nothing_to_fit": ("{path} has no reviews yet; nothing to fit",
                          "{path} 还没有复习记录，无从拟合"),
    "db_fsrs_reset": (
        "FSRS parameters: back to the defaults (your fits stay in the database, unused)",
        "FSRS 参数：已恢复默认值（你的拟合结果仍保存在数据库中，但不再使用）",
    ),
    "db_fit_on": (
        "fitted FSRS parameters on {n} reviews (each on a later day than the card's "
        "previous review)",
        "已用 {n} 次复习拟合 FSRS 参数（每次都发生在该卡片上次复习之后的某一天）",
    ),
    "db_fit_predicting": (
        "predicting your most recent {held_out} reviews from a fit on the {train} before them:",
        "用之前 {train} 次复习拟合的参数，预测你最近的 {held_out} 次复习：",
    ),
    "db_fit_log_loss": ("  log loss  defaults {default}   fitted {fitted}   (lower is better)",
                        "  对数损失  默认 {default}   拟合 {fitted}   （越低越好）"),
    "db_fit_rmse": ("  RMSE      defaults {default}   fitted {fitted}",
                    "  RMSE      默认 {default}   拟合 {fitted}"),
    "db_fit_kept_defaults": (
        "the defaults predicted your reviews at least as well: keeping them (nothing was stored)",
        "默认参数的预测至少同样准确：继续使用默认参数（没有保存任何内容）",
    ),
    "db_fit_stored": (
        "stored: answers and interval previews use them from now on "
        "('quizcnn db optimize --reset' goes back)",
        "已保存：从现在起，作答和间隔预览都使用这组参数（'quizcnn db optimize --reset' 可恢复默认）",
    ),
    "db_fit_parameters": ("parameters: {values}", "参数：{values}"),
    # quizcnn export --anki
    "anki_not_apkg": ("{target}: an Anki package must end in .apkg",
                      "{target}：Anki 包的文件名必须以 .apkg 结尾"),
    "anki_bad_problems": ("--problems {n}: give a number from 0 to 100",
                          "--problems {n}：请给出 0 到 100 之间的数"),
    "anki_no_topic": ("no topic {names} (topics: {known})", "没有主题 {names}（现有主题：{known}）"),
    "anki_no_card": ("no card matches these options; nothing was written",
                     "没有符合这些选项的卡片，什么也没有写入"),
    "anki_not_recorded": (
        "note: could not record this export ({error}); the next export will mark every note "
        "as changed",
        "注意：无法记录这次导出（{error}）；下次导出时所有笔记都会被标记为已更改",
    ),
    "anki_wrote": ("wrote {notes} ({kinds}) in {decks} to {target}",
                   "已写入 {target}：{decks}，共 {notes}（{kinds}）"),
    "anki_n_note": ("{n} notes", "{n} 条笔记"),
    "anki_n_note_1": ("{n} note", "{n} 条笔记"),
    "anki_n_deck": ("{n} decks", "{n} 个牌组"),
    "anki_n_deck_1": ("{n} deck", "{n} 个牌组"),
    # preferences, plan, mock interviews, FSRS parameters, shipped bank
    "bk_not_json_object": ("not a JSON object", "不是 JSON 对象"),
    "bk_larger_kb": ("{where}: larger than {n} KB", "{where}：大于 {n} KB"),
    "bk_pref_differs": ("{name}: {key} is {mine} here, {theirs} in the backup",
                        "{name}：{key} 在这里是 {mine}，在备份中是 {theirs}"),
    "bk_pref_yours_bad": ("{where}: yours is there but {error}; preferences not restored",
                          "{where}：你的文件已存在，但{error}；偏好设置未恢复"),
    "bk_pref_not_restored": ("{where}: {error}; preferences not restored",
                             "{where}：{error}；偏好设置未恢复"),
    "bk_prefs_restored": ("{name}: {n} restored", "{name}：已恢复 {n} 项"),
    "bk_no_plan": ("no plan", "没有计划"),
    "bk_all_topics": ("all topics", "全部主题"),
    "bk_plan": ("{day}, {minutes} min/day, {topics}, target {target}",
                "{day}，每天 {minutes} 分钟，{topics}，目标回忆率 {target}"),
    "bk_must_be_object_or_null": ("{where}: must be an object or null",
                                  "{where}：必须是对象或 null"),
    "bk_plan_no_date": ("'interview' must be a date YYYY-MM-DD",
                        "“interview”必须是 YYYY-MM-DD 格式的日期"),
    "bk_plan_bad_date": ("'interview' is not a date: {day}", "“interview”不是日期：{day}"),
    "bk_plan_topics": ("'topics' must be a list of topic names", "“topics”必须是主题名称的列表"),
    "bk_not_datetime": ("'{name}' is not a date-time", "“{name}”不是日期时间"),
    "bk_plan_refused": ("{name}: {where}: {error}; not restored", "{name}：{where}：{error}；未恢复"),
    "bk_plan_differs": ("{name}: here {here}; in the backup {theirs}",
                        "{name}：这里是 {here}；备份中是 {theirs}"),
    "bk_plan_kept": ("{name}: kept yours ({here}; the backup has {theirs})",
                     "{name}：保留了你的计划（{here}；备份中是 {theirs}）"),
    "bk_plan_restored": ("{name}: restored ({plan})", "{name}：已恢复（{plan}）"),
    "bk_field_not_datetime": ("{where}: '{name}' is not a date-time",
                              "{where}：“{name}”不是日期时间"),
    "bk_field_whole": ("{where}: '{name}' must be a whole number from {lo} to {hi}",
                       "{where}：“{name}”必须是 {lo} 到 {hi} 之间的整数"),
    "bk_field_number": ("{where}: '{name}' must be a number from 0",
                        "{where}：“{name}”必须是不小于 0 的数"),
    "bk_field_number_upto": ("{where}: '{name}' must be a number from 0 to {hi}",
                             "{where}：“{name}”必须是 0 到 {hi} 之间的数"),
    "bk_field_texts": ("{where}: '{name}' must be a list of texts",
                       "{where}：“{name}”必须是文本的列表"),
    "bk_field_text": ("{where}: '{name}' must be a text", "{where}：“{name}”必须是文本"),
    "bk_field_one_of": ("{where}: '{name}' must be one of {allowed}",
                        "{where}：“{name}”必须是 {allowed} 之一"),
    "bk_field_text_or_null": ("{where}: '{name}' must be a text or null",
                              "{where}：“{name}”必须是文本或 null"),
    "bk_field_lang": ("{where}: '{name}' must be en or zh", "{where}：“{name}”必须是 en 或 zh"),
    "bk_field_list": ("{where}: '{name}' must be a list", "{where}：“{name}”必须是列表"),
    "bk_field_whole_pos": ("{where}: '{name}' must be a whole number >= 0",
                           "{where}：“{name}”必须是不小于 0 的整数"),
    "bk_field_number_or_null": ("{where}: '{name}' must be a number >= 0 or null",
                                "{where}：“{name}”必须是不小于 0 的数或 null"),
    "bk_field_bool": ("{where}: '{name}' must be true or false",
                      "{where}：“{name}”必须是 true 或 false"),
    "bk_where_error": ("{where}: {error}", "{where}：{error}"),
    "bk_round_here": ("{name}: the round of {when} is here, not in the backup",
                      "{name}：{when} 的那一轮只在这里，备份中没有"),
    "bk_round_there": ("{name}: the round of {when} is in the backup, not here",
                       "{name}：{when} 的那一轮在备份中，这里没有"),
    "bk_n_round": ("{n} rounds", "{n} 轮"),
    "bk_n_round_1": ("{n} round", "{n} 轮"),
    "bk_fits_active": ("{where}: more than one fit is marked as in use",
                       "{where}：有不止一组拟合参数被标记为正在使用"),
    "bk_fit_here": ("{name}: the fit of {when} is here, not in the backup",
                    "{name}：{when} 的拟合只在这里，备份中没有"),
    "bk_fit_there": ("{name}: the fit of {when} is in the backup, not here",
                     "{name}：{when} 的拟合在备份中，这里没有"),
    "bk_fit_in_use_differs": ("{name}: in use here {mine}, in the backup {theirs}",
                              "{name}：这里使用的是{mine}，备份中使用的是{theirs}"),
    "bk_n_fit": ("{n} fits", "{n} 组拟合参数"),
    "bk_n_fit_1": ("{n} fit", "{n} 组拟合参数"),
    "bk_fit_kept": ("{name}: kept your choice ({mine}; the backup uses {theirs})",
                    "{name}：保留了你的选择（{mine}；备份中使用的是{theirs}）"),
    "bk_fit_in_use_now": ("{name}: in use now: {fit}", "{name}：现在使用的是{fit}"),
    "bk_shipped_ids": ("{where}: 'ids' must be a list of question ids",
                       "{where}：“ids”必须是题目 id 的列表"),
    "bk_shipped_differs": (
        "{name}: the backup was made with quizcnn {version}, whose shipped questions differ "
        "from this one's",
        "{name}：备份由 quizcnn {version} 制作，它内置的题目与当前版本不同",
    ),
    "bk_shipped_missing": (
        "{name}: the backup was made with quizcnn {version}, whose shipped questions differ "
        "from this one's; {n} of its shipped questions are not in this version (their cards "
        "keep their history, as orphans, until the question is back): {ids}",
        "{name}：备份由 quizcnn {version} 制作，它内置的题目与当前版本不同；其中 {n} 道内置题目"
        "不在此版本中（它们的卡片保留学习记录，成为孤立卡片，直到题目回来）：{ids}",
    ),
    "st_params_list": ("FSRS parameters must be a list of {n} numbers",
                       "FSRS 参数必须是由 {n} 个数组成的列表"),
    "st_param_not_finite": ("FSRS parameter {i} is not a finite number: {v}",
                            "FSRS 第 {i} 个参数不是有限的数：{v}"),
    "st_param_range": ("FSRS parameter {i} = {v} is outside py-fsrs's range [{lo}, {hi}]",
                       "FSRS 第 {i} 个参数 = {v}，超出了 py-fsrs 的范围 [{lo}, {hi}]"),
}
