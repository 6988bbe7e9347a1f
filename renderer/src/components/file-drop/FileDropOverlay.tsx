import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';

/** Shown over the whole window while a file is dragged over a page that imports one (`useFileDrop`). */
export function FileDropOverlay({ text }: { text: string }) {
  return (
    <Box
      role="status"
      sx={{
        position: 'fixed',
        inset: 0,
        zIndex: (theme) => theme.zIndex.modal,
        pointerEvents: 'none',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 1.5,
        bgcolor: (theme) => (theme.palette.mode === 'dark' ? 'rgba(0, 0, 0, 0.7)' : 'rgba(255, 255, 255, 0.85)'),
        border: 3,
        borderStyle: 'dashed',
        borderColor: 'primary.main',
      }}
    >
      <FileUploadOutlined color="primary" sx={{ fontSize: 48 }} aria-hidden />
      <Typography variant="h2">{text}</Typography>
    </Box>
  );
}
