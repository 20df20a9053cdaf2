-- Test driver run inside headless Neovim after editors/neovim/kubesight.lua: waits for the
-- diagnostics of the current buffer, asks for completion and hover, writes what it got as JSON to
-- $KUBESIGHT_NVIM_OUT and quits. Positions come from $KUBESIGHT_NVIM_COMPLETE / _HOVER ("line,col", 0-based).
local out = os.getenv('KUBESIGHT_NVIM_OUT')
local result = { diagnostics = {}, completion = {}, hover = vim.NIL }
local buf = vim.api.nvim_get_current_buf()

local function position(name)
  local line, col = os.getenv(name):match('(%d+),(%d+)')
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = tonumber(line), character = tonumber(col) } }
end

local function first_result(responses)
  for _, response in pairs(responses or {}) do
    if response.result then return response.result end
  end
  return nil
end

result.attached = vim.wait(20000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 50)
vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(result.diagnostics, { message = d.message, code = code, source = d.source, lnum = d.lnum, col = d.col, severity = d.severity })
end

local completion = first_result(vim.lsp.buf_request_sync(buf, 'textDocument/completion', position('KUBESIGHT_NVIM_COMPLETE'), 20000))
for _, item in ipairs((completion and (completion.items or completion)) or {}) do table.insert(result.completion, item.label) end

local hover = first_result(vim.lsp.buf_request_sync(buf, 'textDocument/hover', position('KUBESIGHT_NVIM_HOVER'), 20000))
if hover and hover.contents then result.hover = hover.contents.value or hover.contents end

local file = assert(io.open(out, 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
