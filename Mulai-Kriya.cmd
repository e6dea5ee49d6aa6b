@echo off
rem Kriya on Windows: double-click this file. The first time (and whenever requirements.lock
rem or pyproject.toml changed) it makes .venv with Python 3.11-3.13 and installs the locked
rem packages and Kriya; then it offers the writer's commands (kriya check, serve, new).
setlocal
cd /d "%~dp0"
set "KRIYA=.venv\Scripts\kriya.exe"
fc /b requirements.lock .venv\kriya-requirements.lock >nul 2>&1 || goto setup
fc /b pyproject.toml .venv\kriya-pyproject.toml >nul 2>&1 || goto setup
goto menu

:setup
echo Menyiapkan Kriya (sekali saja, beberapa menit; perlu internet)...
set "PY="
for %%V in (3.13 3.12 3.11) do if not defined PY py -%%V -c "" >nul 2>&1 && set "PY=py -%%V"
if not defined PY python -c "import sys; sys.exit(not (3, 11) <= sys.version_info < (3, 14))" >nul 2>&1 && set "PY=python"
if not defined PY goto nopython
if not exist .venv\Scripts\python.exe %PY% -m venv .venv || goto failed
.venv\Scripts\python -m pip install --disable-pip-version-check -r requirements.lock || goto failed
.venv\Scripts\python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e . || goto failed
copy /y requirements.lock .venv\kriya-requirements.lock >nul
copy /y pyproject.toml .venv\kriya-pyproject.toml >nul
echo Kriya siap.

:menu
echo.
echo   1. Periksa tulisan        (kriya check)
echo   2. Pratinjau di browser   (kriya serve)
echo   3. Buat berita baru       (kriya new news "Judul")
echo   4. Buat produk baru       (kriya new product "Nama")
echo   5. Selesai
set "PILIH="
set /p "PILIH=Ketik nomor lalu tekan Enter: "
if "%PILIH%"=="1" %KRIYA% check
if "%PILIH%"=="2" %KRIYA% serve --open
if "%PILIH%"=="3" call :new news "Judul berita"
if "%PILIH%"=="4" call :new product "Nama produk"
if "%PILIH%"=="5" exit /b 0
goto menu

:new
set "JUDUL="
set /p "JUDUL=%~2: "
if defined JUDUL %KRIYA% new %1 "%JUDUL%"
exit /b

:nopython
echo Python 3.11, 3.12 atau 3.13 belum terpasang di komputer ini.
echo Pasang dari https://www.python.org/downloads/ (centang "Add python.exe to PATH"),
echo lalu klik dua kali file ini lagi.
pause
exit /b 1

:failed
echo Persiapan gagal. Periksa koneksi internet, lalu klik dua kali file ini lagi.
echo Bila tetap gagal, kirim tangkapan layar jendela ini ke tim teknis.
pause
exit /b 1
